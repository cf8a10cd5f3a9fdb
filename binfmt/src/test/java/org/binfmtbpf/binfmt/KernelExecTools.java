package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;

/**
 * What the tests that exec through the kernel's binfmt_misc need: the private instance, bash
 * (the oracle execs with a chosen argv[0] through it) and small native programs from
 * src/test/resources/exec, built with clang-19. Each skips the calling test, saying why, when
 * something is missing.
 */
final class KernelExecTools {
    private KernelExecTools() {}

    static void assumeAvailable() {
        assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is needed to exec with a chosen argv[0]");
    }

    /** An interpreter that prints each of its arguments followed by a NUL byte. */
    static Path printArgs(Path dir, String name) throws Exception {
        return compile(dir, "print-args", name);
    }

    /** exec-in DIR PATH [ARG...]: execve exactly as given, from DIR (see exec-in.c). */
    static Path execIn(Path dir) throws Exception {
        return compile(dir, "exec-in", "exec-in");
    }

    private static Path compile(Path dir, String source, String name) throws Exception {
        Path c = dir.resolve(source + ".c");
        try (var in = KernelExecTools.class.getResourceAsStream("/exec/" + source + ".c")) {
            Files.write(c, in.readAllBytes());
        }
        Path binary = dir.resolve(name);
        int rc;
        try {
            rc = new ProcessBuilder("clang-19", "-O1", "-o", binary.toString(), c.toString())
                    .inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            rc = -1;
        }
        assumeTrue(rc == 0, "clang-19 could not build the native " + source + " program");
        return binary;
    }
}
