package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** register, status, enable, disable, remove: binfmt_misc's files as commands, state kept between runs. */
class HandlerCommandsTest {
    @TempDir Path state;

    @Test
    void aRegisteredEntryShowsTheKernelsStatusText() {
        assertEquals(0, Cli.inState(state, "register", ":hello:M:2:ab\\x00:\\xff\\xf0\\xff:/bin/hello:POC").exitCode());
        Cli.Result r = Cli.inState(state, "status", "hello");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("enabled\ninterpreter /bin/hello\nflags: POC\noffset 2\nmagic 616200\nmask fff0ff\n", r.out());
        assertEquals("enabled\n", Cli.inState(state, "status").out());
    }

    @Test
    void listingTakesNoEntryName() {
        assertEquals(0, Cli.inState(state, "register", ":hello:M::ab::/bin/hello:").exitCode());
        Cli.Result r = Cli.inState(state, "status", "hello", "--list");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().contains("--list lists every entry; it takes no NAME (got 'hello')"), r.err());
    }

    @Test
    void registersEveryDebianQemuFileAsSystemdBinfmtDoes() throws Exception {
        Path dir = Cli.sharedData("data/qemu-binfmt.d");
        try (var files = Files.list(dir)) {
            String[] args = files.sorted().map(Path::toString).toArray(String[]::new);
            String[] all = new String[args.length + 3];
            all[0] = "register";
            all[1] = "--file";
            System.arraycopy(args, 0, all, 2, args.length);
            all[all.length - 1] = "--state=" + state;
            Cli.Result r = Cli.run(all);
            assertEquals(0, r.exitCode(), r.toString());
        }
        Cli.Result list = Cli.inState(state, "status", "--list");
        assertEquals(29, list.out().lines().count(), list.toString());
        String aarch64 = Cli.inState(state, "status", "qemu-aarch64").out();
        assertTrue(aarch64.startsWith("enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: POF\noffset 0\n"
                + "magic 7f454c460201010000000000000000000200b700\n"), aarch64);
    }

    @Test
    void disableEnableAndRemoveWriteTheEntryFile() {
        Cli.inState(state, "register", ":x:E::xx::/bin/x:");
        assertEquals(0, Cli.inState(state, "disable", "x").exitCode());
        assertTrue(Cli.inState(state, "status", "x").out().startsWith("disabled\n"));
        assertEquals(0, Cli.inState(state, "enable", "x").exitCode());
        assertTrue(Cli.inState(state, "status", "x").out().startsWith("enabled\n"));
        assertEquals(0, Cli.inState(state, "disable", "--all").exitCode());
        assertEquals("disabled\n", Cli.inState(state, "status").out());
        assertEquals(0, Cli.inState(state, "remove", "x").exitCode());
        Cli.Result gone = Cli.inState(state, "status", "x");
        assertEquals(ExitCodes.ENVIRONMENT, gone.exitCode());
        assertEquals("binfmt-bpf status: x: no such entry\n", gone.err());
    }

    @Test
    void aBadLineIsOneLineNamingTheFieldAndTheErrno() {
        Cli.Result r = Cli.inState(state, "register", ":bad:M::\\x4::/bin/x:");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("binfmt-bpf register: magic:"), r.err());
        assertTrue(r.err().contains("(EINVAL)"), r.err());
    }

    @Test
    void aTakenNameIsTheEnvironmentsRefusalAsATakenPinIs() {
        Cli.inState(state, "register", ":dup:E::d::/bin/d:");
        Cli.Result dup = Cli.inState(state, "register", ":dup:E::d::/bin/d:");
        assertEquals(ExitCodes.ENVIRONMENT, dup.exitCode(), dup.toString());
        assertEquals("binfmt-bpf register: name: an entry named dup exists (EEXIST)\n", dup.err());
    }

    @Test
    void statusAndRegisterAreTheFilesystemsOwnFiles() {
        Cli.Result taken = Cli.inState(state, "register", ":status:E::st::/bin/st:");
        assertTrue(taken.err().startsWith("binfmt-bpf register: name:") && taken.err().contains("(EEXIST)"), taken.err());
        assertEquals("enabled\n", Cli.inState(state, "status", "status").out());
        Cli.Result unreadable = Cli.inState(state, "status", "register");
        assertEquals("binfmt-bpf status: register: Invalid argument\n", unreadable.err());
    }

    @Test
    void aBadLineInAFileNamesTheFileAndLineAndTheRestStillRegister() throws Exception {
        Path conf = state.resolveSibling(state.getFileName() + ".conf");
        Files.writeString(conf, "# two handlers\n:ok1:E::a::/bin/a:\n:broken:Q::x::/bin/x:\n:ok2:E::b::/bin/b:\n");
        Cli.Result r = Cli.inState(state, "register", "--file", conf.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().startsWith("binfmt-bpf register: " + conf + ":3: "), r.err());
        assertEquals("ok2\nok1\n", Cli.inState(state, "status", "--list").out());
        Files.delete(conf);
    }

    @Test
    void statusAsJson() {
        Cli.inState(state, "register", ":j:E::jar::/usr/bin/java:");
        Cli.Result r = Cli.inState(state, "status", "--json");
        assertEquals("{\"enabled\":true,\"entries\":[{\"name\":\"j\",\"enabled\":true,\"type\":\"E\",\"status\":"
                + "\"enabled\\ninterpreter /usr/bin/java\\nflags: \\nextension .jar\\n\"}]}\n", r.out());
    }
}
