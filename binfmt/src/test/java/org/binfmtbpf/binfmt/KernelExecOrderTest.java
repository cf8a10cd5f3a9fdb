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
 * Which entry the kernel picks while entries come and go: newest first, disabled entries and a
 * disabled instance skipped, removed entries gone. Each step's exec runs through the real
 * kernel and through the model, and the interpreter's argv (or ENOEXEC) must agree.
 */
class KernelExecOrderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsKernel() {
        KernelExecTools.assumeAvailable();
    }

    /** One step: a write to a binfmt_misc file, or an exec of a target. */
    private record Step(String file, String data, Path exec) {}

    @Test
    void entriesAreSearchedNewestFirstAndSkippedWhenDisabled() throws Exception {
        Path a = KernelExecTools.printArgs(dir, "print-a");
        Path b = KernelExecTools.printArgs(dir, "print-b");
        // NUL bytes make bash report ENOEXEC instead of running the file as a script.
        Path magic = target("target", "XMAGIC\0\0 binary");
        Path ext = target("target.xm", "XMAGIC\0\0 with an extension");
        Path neither = target("other", "\0\0 nothing matches");
        List<Step> steps = List.of(
                exec(magic), write("register", ":a:M::XMAGIC::" + a + ":"), exec(magic), exec(neither),
                write("register", ":b:M::XMAG::" + b + ":P"), exec(magic),
                write("register", ":e:E::xm::" + a + ":P"), exec(ext), exec(magic),
                write("b", "0"), exec(magic), write("e", "0"), exec(ext),
                write("status", "0"), exec(magic), exec(ext), write("status", "1"), exec(magic),
                write("a", "-1"), exec(magic), write("b", "1"), exec(magic), exec(ext),
                write("status", "-1"), exec(magic));

        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        KernelBinfmt kernel = new KernelBinfmt();
        List<String> expected = new ArrayList<>();
        for (Step s : steps) {
            if (s.exec() == null) {
                kernel.write(s.file(), s.data().getBytes(StandardCharsets.UTF_8));
                expected.add(ModelFiles.write(model, s.file(), Latin1.fromUtf8(s.data()).getBytes(StandardCharsets.ISO_8859_1)));
            } else {
                List<String> argv = List.of("argv0", "x");
                kernel.exec(s.exec().toString(), argv);
                ExecOutcome outcome = model.resolve(ExecRequest.ofFile(s.exec(), s.exec().toString(), argv));
                expected.add(outcome instanceof ExecOutcome.Resolved r ? String.join("|", r.resolution().argv()) : "ENOEXEC");
            }
        }
        List<KernelBinfmt.Answer> answers = kernel.run();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            KernelBinfmt.Answer answer = answers.get(i);
            if (steps.get(i).exec() == null) {
                actual.add(answer.ok() ? "OK" : answer.errno());
            } else {
                String out = new String(answer.data(), StandardCharsets.UTF_8);
                actual.add(out.contains("Exec format error") ? "ENOEXEC"
                        : String.join("|", Arrays.asList(out.substring(0, Math.max(0, out.length() - 1)).split("\0", -1))));
            }
        }
        assertEquals(expected, actual);
        assertEquals(6, expected.stream().filter("ENOEXEC"::equals).count(), "steps that no entry claims: " + expected);
        assertEquals(4, expected.stream().filter(e -> e.startsWith(b.toString())).count(), "steps entry b claims: " + expected);
    }

    private static Step write(String file, String data) {
        return new Step(file, data, null);
    }

    private static Step exec(Path target) {
        return new Step(null, null, target);
    }

    private Path target(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
