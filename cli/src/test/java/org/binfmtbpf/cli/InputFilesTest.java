package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory given where a file belongs: one line naming it, whichever command reads it. */
class InputFilesTest {
    @TempDir Path dir;

    @Test
    void progLoadNamesTheDirectory() {
        Cli.Result r = Cli.inState(dir.resolve("state"), "prog", "load", dir.toString(), "/sys/fs/bpf/x");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode());
        assertEquals("binfmt-bpf prog load: " + dir + ": is a directory\n", r.err());
    }

    @Test
    void progVerifyNamesTheDirectory() {
        Cli.Result r = Cli.run("prog", "verify", dir.toString());
        assertEquals("binfmt-bpf prog verify: " + dir + ": is a directory\n", r.err());
    }

    @Test
    void progRunNamesTheDataInDirectory() throws Exception {
        Path state = dir.resolve("state");
        Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(), "/sys/fs/bpf/m");
        Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/m", "data_in", dir.toString());
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode());
        assertEquals("binfmt-bpf prog run: " + dir + ": is a directory\n", r.err());
    }

    @Test
    void registerFileNamesTheDirectory() throws Exception {
        Path confDir = Files.createDirectory(dir.resolve("binfmt.d"));
        Cli.Result r = Cli.inState(dir.resolve("state"), "register", "--file", confDir.toString());
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode());
        assertEquals("binfmt-bpf register: " + confDir + ": is a directory\n", r.err());
    }
}
