package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The argv a real interpreter receives through the kernel's binfmt_misc equals the model's
 * {@link Resolution#argv()}, for M and E entries with and without P (and with O, C and F, which
 * must not change argv). The interpreter is a small native program that prints its arguments
 * (native because with O or C the kernel refuses a #! script as interpreter: fs/exec.c gives
 * ENOEXEC when an open-binary exec needs a second interpreter).
 */
class KernelArgvTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsKernel() {
        KernelExecTools.assumeAvailable();
    }

    @Test
    void theInterpreterGetsTheArgvTheModelBuilds() throws Exception {
        Path interp = KernelExecTools.printArgs(dir, "print-args");
        Path magic = executable("target-magic", "BFMTMAGIC and more");
        Path magicP = executable("target-magic-p", "BFMTMAGIP and more");
        Path magicOF = executable("target-magic-of", "BFMTMAGIO and more");
        Path ext = executable("target.bfx", "no magic here");
        Path extP = executable("target.bfp", "no magic here either");
        Files.createDirectories(dir.resolve("dotted.dir"));
        Path dotted = executable("dotted.dir/target.bfx", "plain");

        List<String> lines = List.of(
                ":m:M::BFMTMAGIC::" + interp + ":",
                ":mp:M::BFMTMAGIP::" + interp + ":P",
                ":mof:M::BFMTMAGIO::" + interp + ":OCF",
                ":e:E::bfx::" + interp + ":",
                ":ep:E::bfp::" + interp + ":P");
        List<List<String>> argvs = List.of(
                List.of("custom-argv0", "one", "two words", "", "three"),
                List.of("only-argv0"));
        List<Path> targets = List.of(magic, magicP, magicOF, ext, extP, dotted);

        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        KernelBinfmt kernel = new KernelBinfmt();
        for (String line : lines) {
            model.register(Latin1.fromUtf8(line));
            kernel.write("register", line.getBytes(StandardCharsets.UTF_8));
        }
        List<List<String>> expected = new ArrayList<>();
        for (Path target : targets) {
            for (List<String> argv : argvs) {
                kernel.exec(target.toString(), argv);
                ExecOutcome outcome = model.resolve(ExecRequest.ofFile(target, Latin1.fromUtf8(target.toString()),
                        argv.stream().map(Latin1::fromUtf8).toList()));
                expected.add(((ExecOutcome.Resolved) outcome).resolution().argv().stream().map(Latin1::toUtf8).toList());
            }
        }
        List<KernelBinfmt.Answer> answers = kernel.run();
        List<List<String>> actual = new ArrayList<>();
        for (KernelBinfmt.Answer a : answers.subList(lines.size(), answers.size())) {
            String out = new String(a.data(), StandardCharsets.UTF_8);
            actual.add(a.ok() ? Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1)) : List.of(a.errno()));
        }
        assertEquals(expected, actual);
    }

    private Path executable(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
