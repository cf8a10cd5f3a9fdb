package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Flag F opens the interpreter while {@code register} is written, so open_exec's errno is the
 * write's: {@link ExecutableFiles#HOST} must give the kernel's for every kind of path (missing,
 * a component too long, a symlink loop, a file used as a directory, not a regular file, no x bit).
 */
class KernelOpenExecTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsKernel() {
        assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
    }

    @Test
    void flagFFailsWithOpenExecsErrnoAsTheKernelDoes() throws Exception {
        Path interp = dir.resolve("interp");
        Files.writeString(interp, "#!/bin/sh\n");
        Files.setPosixFilePermissions(interp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "not executable");
        Files.createSymbolicLink(dir.resolve("loop-a"), dir.resolve("loop-b"));
        Files.createSymbolicLink(dir.resolve("loop-b"), dir.resolve("loop-a"));
        Files.createSymbolicLink(dir.resolve("link"), interp);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Files.createDirectories(dir.resolve("sub"));
        List<String> paths = List.of(
                interp.toString(), dir + "/link", dir + "/sub/../interp", dir + "/./interp", dir + "//interp",
                dir + "/missing", dir + "/dangling", dir + "/missing/interp",
                dir + "/" + "n".repeat(256), dir + "/" + "n".repeat(255), dir + "/" + "n".repeat(300) + "/interp",
                dir + "/loop-a", dir + "/loop-a/interp",
                interp + "/", interp + "/.", interp + "/..", interp + "/x",
                plain.toString(), dir.toString(), dir + "/sub/", "/dev/null");

        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        KernelBinfmt kernel = new KernelBinfmt();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String line = ":f" + i + ":E::x" + i + "::" + paths.get(i) + ":F";
            kernel.write("register", line.getBytes(StandardCharsets.UTF_8));
            expected.add(paths.get(i) + " " + ModelFiles.write(model, "register", line.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> actual = new ArrayList<>();
        List<KernelBinfmt.Answer> answers = kernel.run();
        for (int i = 0; i < paths.size(); i++) {
            actual.add(paths.get(i) + " " + answers.get(i));
        }
        assertEquals(expected, actual);
    }
}
