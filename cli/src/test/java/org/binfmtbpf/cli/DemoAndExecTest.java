package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RFC's cover letter for real: the bundled program picks qemu, and a foreign binary runs through it. */
class DemoAndExecTest {
    @TempDir Path dir;

    @Test
    void demoResolvesEveryHeaderAsTheDebianRegistrationsWould() {
        Cli.Result r = Cli.run("demo");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("$ binfmt-bpf register :qemu-bpf:B:/sys/fs/bpf/qemu::::P\n"), r.out());
        assertTrue(r.out().contains("bin/hello-aarch64      ELF64 LE AArch64            qemu-bpf  "
                + "/usr/libexec/qemu-binfmt/aarch64-binfmt-P"), r.out());
        assertFalse(r.out().contains("WRONG"), r.out());
    }

    @Test
    void aMissingBinaryIsSaidBeforeTheDemoStarts() {
        Cli.Result r = Cli.run("demo", "--binary", "/nonexistent/busybox");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("binfmt-bpf demo: --binary /nonexistent/busybox: no such file\n", r.err());
    }

    @Test
    void demoRunsAnArm64BusyboxThroughTheQemuTheProgramChose() {
        ForeignBinaries.assumeQemu();
        Path busybox = ForeignBinaries.busybox();
        Cli.Result r = Cli.run("demo", "--binary", busybox.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("(the kernel would exec: /usr/libexec/qemu-binfmt/aarch64-binfmt-P " + busybox
                + " busybox echo AARCH64_RAN_VIA_QEMU)\nAARCH64_RAN_VIA_QEMU\n"), r.out());
    }

    @Test
    void execBusyboxEchoHiPrintsHiThroughQemu() throws Exception {
        ForeignBinaries.assumeQemu();
        Path busybox = Files.copy(ForeignBinaries.busybox(), dir.resolve("busybox"));
        Path state = registerBundledProgram();
        Cli.Result r = Launcher.run("", "exec", "--state", state.toString(), "-v", busybox.toString(), "echo", "hi");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hi\n", r.out());
        // The kernel's argv for flag P: interpreter, the path as exec'd, the original argv[0], the arguments.
        assertEquals("exec: entry qemu-bpf: /usr/libexec/qemu-binfmt/aarch64-binfmt-P " + busybox + " " + busybox
                + " echo hi\n", r.err());
    }

    @Test
    void execPassesStdinStdoutAndTheExitStatusThrough() throws Exception {
        Path interpreter = dir.resolve("interp.sh");
        Files.writeString(interpreter, "#!/bin/sh\necho \"argv: $0 $*\"\nread line\necho \"stdin: $line\"\nexit 7\n");
        Files.setPosixFilePermissions(interpreter, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("state");
        assertEquals(0, Cli.inState(state, "register", ":sh7:M::#!x7::" + interpreter + ":P").exitCode());
        Path target = dir.resolve("target");
        Files.writeString(target, "#!x7\n");
        target.toFile().setExecutable(true);
        Cli.Result r = Launcher.run("hello there\n", "exec", "--state", state.toString(), "--argv0", "zero",
                target.toString(), "a", "--b");
        assertEquals(7, r.exitCode(), r.toString());
        assertEquals("argv: " + interpreter + " " + target + " zero a --b\nstdin: hello there\n", r.out());
    }

    @Test
    void execOfAFileNoHandlerTakesIsExitStatus126() throws Exception {
        Path f = dir.resolve("plain");
        Files.writeString(f, "nothing\n");
        f.toFile().setExecutable(true);
        Cli.Result r = Launcher.run("", "exec", "--state", dir.resolve("empty").toString(), f.toString());
        assertEquals(126, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf exec: " + f + ": ENOEXEC: no enabled entry matched (the kernel would go on to its"
                + " other binary formats)\n", r.err());
    }

    private Path registerBundledProgram() throws Exception {
        Path state = dir.resolve("state");
        assertEquals(0, Cli.inState(state, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu",
                "type", "socket").exitCode());
        assertEquals(0, Cli.inState(state, "register", ":qemu-bpf:B:/sys/fs/bpf/qemu::::P").exitCode());
        return state;
    }
}
