package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --state directory that cannot serve: one line naming it, exit 4 (2 for an empty path), never a stack trace. */
class StateDirectoryErrorsTest {
    @TempDir Path dir;

    @Test
    void anEmptyStatePathIsRefusedRatherThanTheWorkingDirectoryUsed() {
        Cli.Result r = Cli.run("status", "--state", "");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf status: --state: the directory is an empty path\n", r.err());
        assertFalse(Files.exists(Path.of("lock")), "the working directory got a lock file");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Cli.Result r = Cli.run("status", "--state", file.toString());
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf status: state directory " + file + ": " + file + ": Not a directory\n", r.err());
        Cli.Result w = Cli.run("register", ":e:E::foo::/bin/sh:", "--state", file.toString());
        assertEquals(ExitCodes.ENVIRONMENT, w.exitCode(), w.toString());
        assertEquals("binfmt-bpf register: state directory " + file + ": " + file.resolve("objects")
                + ": Not a directory\n", w.err());
    }

    @Test
    void aDamagedStateFileIsOneLineNotAnInternalError() throws Exception {
        Path state = dir.resolve("state");
        assertEquals(0, Cli.inState(state, "register", ":e:E::foo::/bin/sh:").exitCode());
        Files.writeString(state.resolve("state"), "garbage\n");
        Cli.Result r = Cli.inState(state, "status");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf status: state directory " + state + ": " + state.resolve("state")
                + ": not a binfmt-bpf state file\n", r.err());
    }

    @Test
    void damagedMapContentsAreOneLineNamingTheFile() throws Exception {
        Path state = dir.resolve("state");
        Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(), "/sys/fs/bpf/m");
        Cli.inState(state, "map", "update", "name", "machines", "key", "1", "0", "0", "0", "value", "0", "0", "0", "0",
                "0", "0", "0", "0");
        Path saved;
        try (Stream<Path> files = Files.list(state.resolve("maps"))) {
            saved = files.findFirst().orElseThrow();
        }
        Files.writeString(saved, Files.readString(saved).replace("01000000 ", "0100 "));
        Cli.Result r = Cli.inState(state, "map", "dump", "name", "machines");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("binfmt-bpf map dump: " + saved + ": damaged map contents: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
