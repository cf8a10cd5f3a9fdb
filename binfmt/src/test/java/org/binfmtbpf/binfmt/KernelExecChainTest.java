package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What exec does past the first match, through the real kernel and through
 * {@link ExecChain}: an interpreter claimed by another entry (argv grows at each rewrite, the
 * second entry sees the interpreter as the path), five rewrites allowed and the sixth ELOOP, an
 * entry whose interpreter claims itself, a rewrite after an O entry (ENOEXEC), interpreters
 * that are missing or not executable, a path without '/', an empty argv, and magic read past
 * the end of a short file (zeros); and #! scripts, which are rewrites too (their one argument,
 * blanks, a NUL or the header's end in the line, an interpreter claimed by an entry, a script
 * after an O entry, a script that runs itself). Every exec goes through exec-in (execve exactly
 * as given).
 */
class KernelExecChainTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsKernel() {
        KernelExecTools.assumeAvailable();
    }

    /** One execve: the path exactly as given (relative to dir when it has no leading '/'), and the argv. */
    private record Exec(String path, List<String> argv) {}

    @Test
    void execFollowsEntriesAsTheKernelDoes() throws Exception {
        Path printArgs = KernelExecTools.printArgs(dir, "print-args");
        Path execIn = KernelExecTools.execIn(dir);
        // Entry l<k> sends LV<k> to lv<k+1>, and l6 sends LV6 to print-args: lv<k> needs 7 - k rewrites.
        List<String> lines = new ArrayList<>();
        for (int k = 0; k <= 6; k++) {
            file("lv" + k, "LV" + k + "\0\0");
            lines.add(":l" + k + ":M::LV" + k + "::" + (k < 6 ? dir.resolve("lv" + (k + 1)) : printArgs) + ":");
        }
        file("first", "HOP1\0\0");
        file("hop", "HOP2\0\0");
        file("open-first", "OPN1\0\0");
        file("open-last", "OPN2\0\0");
        file("self.loop", "\0\0");
        file("gone-first", "GON1\0\0");
        file("gone", "GON2\0\0");
        file("noexec-first", "NXI1\0\0");
        file("plain.rel", "\0\0");
        file("short", "ZZ");
        Path noexec = dir.resolve("noexec");
        Files.copy(printArgs, noexec);
        Files.setPosixFilePermissions(noexec, PosixFilePermissions.fromString("rw-r--r--"));
        lines.addAll(List.of(
                ":hop1:M::HOP1::" + dir.resolve("hop") + ":",
                ":hop2:M::HOP2::" + printArgs + ":P",
                ":self:E::loop::" + dir.resolve("self.loop") + ":",
                ":open1:M::OPN1::" + dir.resolve("hop") + ":O",
                ":open2:M::OPN2::" + printArgs + ":OF",
                ":gone1:M::GON1::" + dir.resolve("gone") + ":P",
                ":gone2:M::GON2::" + dir.resolve("absent") + ":",
                ":noexec:M::NXI1::" + noexec + ":",
                ":rel:E::rel::" + printArgs + ":P",
                ":short:M::ZZ\\x00\\x00::" + printArgs + ":"));
        List<Exec> execs = new ArrayList<>();
        for (int k = 6; k >= 0; k--) {
            execs.add(new Exec(dir.resolve("lv" + k).toString(), List.of("a0", "x")));
        }
        for (String name : List.of("first", "self.loop", "open-first", "open-last", "gone-first", "noexec-first", "short")) {
            execs.add(new Exec(dir.resolve(name).toString(), List.of("a0", "x", "y z")));
        }
        execs.add(new Exec("first", List.of("a0", "x")));
        execs.add(new Exec("plain.rel", List.of("a0", "x")));
        execs.add(new Exec("./plain.rel", List.of("a0")));
        execs.add(new Exec(dir.resolve("first").toString(), List.of()));
        execs.add(new Exec(dir.resolve("plain.rel").toString(), List.of()));

        List<String> expected = answersAgree(execIn, lines, execs);
        assertEquals(List.of("ELOOP", "ELOOP"), expected.subList(5, 7), "lv1 and lv0 need 6 and 7 rewrites: " + expected);
        assertEquals(6, expected.stream().filter(s -> s.startsWith("E")).count(), "execs that fail: " + expected);
    }

    @Test
    void scriptsAreRewritesToo() throws Exception {
        Path printArgs = KernelExecTools.printArgs(dir, "print-args");
        Path execIn = KernelExecTools.execIn(dir);
        file("hop", "HOP2\0\0");
        file("to-script", "TSC1\0\0");
        file("open-to-script", "OSC1\0\0");
        file("wrap.sh", "#!" + printArgs + "  -a  b \t\nrest of the script");
        file("tabs.sh", "#!\t" + printArgs + "\t\n");
        file("nul.sh", "#! " + printArgs + " arg  \0 junk\n");
        file("long-arg.sh", "#!" + printArgs + " " + "a".repeat(300));
        file("long-name.sh", "#!/" + "a".repeat(300));
        file("blank.sh", "#!   \t \n");
        file("missing.sh", "#!" + dir.resolve("absent") + "\n");
        file("to-entry.sh", "#!" + dir.resolve("hop") + "\n");
        file("self.sh", "#!" + dir.resolve("self.sh") + "\n");
        List<String> lines = List.of(
                ":hop2:M::HOP2::" + printArgs + ":P",
                ":tsc:M::TSC1::" + dir.resolve("wrap.sh") + ":",
                ":osc:M::OSC1::" + dir.resolve("wrap.sh") + ":O");
        List<Exec> execs = new ArrayList<>();
        for (String name : List.of("to-script", "open-to-script", "wrap.sh", "tabs.sh", "nul.sh", "long-arg.sh",
                "long-name.sh", "blank.sh", "missing.sh", "to-entry.sh", "self.sh")) {
            execs.add(new Exec(dir.resolve(name).toString(), List.of("a0", "x")));
        }
        execs.add(new Exec("to-entry.sh", List.of()));
        List<String> expected = answersAgree(execIn, lines, execs);
        assertEquals(5, expected.stream().filter(s -> s.startsWith("E")).count(), "execs that fail: " + expected);
    }

    /** Runs the registrations and execs on the kernel and the model, asserts equal answers, and returns them. */
    private List<String> answersAgree(Path execIn, List<String> lines, List<Exec> execs) throws Exception {
        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        KernelBinfmt kernel = new KernelBinfmt();
        for (String line : lines) {
            model.register(Latin1.fromUtf8(line));
            kernel.write("register", line.getBytes(StandardCharsets.UTF_8));
        }
        List<String> expected = new ArrayList<>();
        for (Exec e : execs) {
            List<String> command = new ArrayList<>(List.of(execIn.toString(), dir.toString(), e.path()));
            command.addAll(e.argv());
            kernel.exec(execIn.toString(), command);
            Path file = dir.resolve(e.path());
            ExecChain chain = ExecChain.follow(model, ExecRequest.ofFile(file, e.path(), e.argv()),
                    ExecutableFiles.HOST, BinaryHeaders.HOST);
            expected.add(modelAnswer(chain));
        }
        List<KernelBinfmt.Answer> answers = kernel.run();
        List<String> actual = new ArrayList<>();
        for (KernelBinfmt.Answer a : answers.subList(lines.size(), answers.size())) {
            actual.add(a.ok() ? kernelAnswer(new String(a.data(), StandardCharsets.UTF_8)) : "oracle " + a.errno());
        }
        assertEquals(expected, actual);
        return expected;
    }

    /**
     * The model's answer: the final interpreter's argv joined by '|', or the errno. A file
     * nothing rewrites here is not ELF, so the kernel's ELF loader refuses it too (ENOEXEC).
     */
    private static String modelAnswer(ExecChain chain) {
        if (chain.errno() != null) {
            return chain.errno().name();
        }
        if (chain.interpreters().isEmpty()) {
            return Errno.ENOEXEC.name();
        }
        return String.join("|", chain.argv());
    }

    /** print-args writes each argument and a NUL; exec-in writes "ERR ENAME" when execve fails. */
    private static String kernelAnswer(String output) {
        if (output.startsWith("ERR ")) {
            return output.substring(4).trim();
        }
        return String.join("|", output.substring(0, Math.max(0, output.length() - 1)).split("\0", -1));
    }

    private void file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
