package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.binfmtbpf.cli.handlers.ExecCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps belong to a load and outlive the runs of its programs, as in the kernel: what a 'B'
 * program writes while binfmt_misc runs it stays, and the programs of one {@code prog loadall}
 * share the object's maps. shared_counter.bpf.o: bump adds one to counts[0], peek returns it
 * (Linux 6.18 with bpftool 7.1: after loadall, two runs of bump, peek returns 2, and both
 * programs show the same map id).
 */
class MapsOfLoadsTest {
    private static final String TWO = "key: 00 00 00 00  value: 02 00 00 00 00 00 00 00\nFound 1 element\n";

    @TempDir Path dir;
    Path state;
    Path object;
    Path file;

    @BeforeEach
    void objectAndAFileToExec() throws Exception {
        state = dir.resolve("state");
        object = Resources.copy("/org/binfmtbpf/cli/shared_counter.bpf.o", dir.resolve("shared_counter.bpf.o"));
        file = Files.write(dir.resolve("some-binary"), new byte[64]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void ok(String... args) {
        Cli.Result r = Cli.inState(state, args);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void whatABProgramWritesWhileResolveRunsItIsKept() {
        ok("prog", "load", object.toString(), "/sys/fs/bpf/bump");
        ok("register", ":count:B:/sys/fs/bpf/bump::::");
        for (int i = 0; i < 2; i++) {
            // bump chooses no interpreter: ENOEXEC, but the program ran.
            assertEquals(ExitCodes.NO, Cli.inState(state, "resolve", file.toString()).exitCode());
        }
        assertEquals(TWO, Cli.inState(state, "map", "dump", "name", "counts").out());
    }

    @Test
    void whatABProgramWritesWhileExecRunsItIsKept() {
        ok("prog", "load", object.toString(), "/sys/fs/bpf/bump");
        ok("register", ":count:B:/sys/fs/bpf/bump::::");
        // exec's words after FILE are the program's: --state goes before the verb.
        assertEquals(ExecCommand.CANNOT_EXECUTE, Cli.run("--state", state.toString(), "exec", file.toString()).exitCode());
        assertEquals(ExitCodes.NO, Cli.inState(state, "resolve", file.toString()).exitCode());
        assertEquals(TWO, Cli.inState(state, "map", "dump", "id", "1").out());
    }

    @Test
    void anEntryKeepsTheMapsOfTheLoadItWasRegisteredWithAfterItsPathIsPinnedAgain() throws Exception {
        ok("prog", "load", object.toString(), "/sys/fs/bpf/bump");
        ok("register", ":count:B:/sys/fs/bpf/bump::::");
        assertEquals(ExitCodes.NO, Cli.inState(state, "resolve", file.toString()).exitCode());
        ok("prog", "unpin", "/sys/fs/bpf/bump");
        ok("prog", "load", object.toString(), "/sys/fs/bpf/bump");
        // The new load has new maps; the entry still runs the first load's program and counts there.
        assertEquals(ExitCodes.NO, Cli.inState(state, "resolve", file.toString()).exitCode());
        assertEquals("key: 00 00 00 00  value: 00 00 00 00 00 00 00 00\nFound 1 element\n",
                Cli.inState(state, "map", "dump", "id", "1").out());
        // The entry's map is still there, as the kernel keeps a map its program refers to: after the new pin's.
        assertEquals(2, Cli.inState(state, "map", "show").out().lines().filter(l -> l.contains("name counts")).count());
        assertEquals(TWO, Cli.inState(state, "map", "dump", "id", "2").out());
        ok("prog", "unpin", "/sys/fs/bpf/bump");
        ok("remove", "count");
        try (var left = Files.list(state.resolve("maps"))) {
            assertEquals(0, left.count(), "saved maps that nothing holds any more are removed");
        }
    }

    @Test
    void theProgramsOfOneLoadallShareTheObjectsMaps() {
        ok("prog", "loadall", object.toString(), "/sys/fs/bpf/sc");
        ok("prog", "run", "pinned", "/sys/fs/bpf/sc/bump", "data_in", file.toString());
        ok("prog", "run", "pinned", "/sys/fs/bpf/sc/bump", "data_in", file.toString());
        assertTrue(Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/sc/peek", "data_in", file.toString()).out()
                .startsWith("Return value: 2, "));
        // One map, id 1, that both programs show.
        assertEquals("1: array  name counts  flags 0x0\n\tkey 4B  value 8B  max_entries 1\n",
                Cli.inState(state, "map", "show").out());
        for (String p : new String[] {"bump", "peek"}) {
            assertTrue(Cli.inState(state, "prog", "show", "pinned", "/sys/fs/bpf/sc/" + p).out().contains("map_ids 1\n"), p);
        }
        ok("map", "update", "id", "1", "key", "0", "0", "0", "0", "value", "7", "0", "0", "0", "0", "0", "0", "0");
        assertTrue(Cli.inState(state, "prog", "run", "name", "peek", "data_in", file.toString()).out()
                .startsWith("Return value: 7, "));
    }

    @Test
    void aSecondLoadallOfTheObjectHasMapsOfItsOwn() {
        ok("prog", "loadall", object.toString(), "/sys/fs/bpf/a");
        ok("prog", "loadall", object.toString(), "/sys/fs/bpf/b");
        ok("prog", "run", "pinned", "/sys/fs/bpf/a/bump", "data_in", file.toString());
        assertTrue(Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/a/peek", "data_in", file.toString()).out()
                .startsWith("Return value: 1, "));
        assertTrue(Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/b/peek", "data_in", file.toString()).out()
                .startsWith("Return value: 0, "));
        assertEquals(2, Cli.inState(state, "map", "show").out().lines().filter(l -> l.contains("name counts")).count());
    }

    @Test
    void anEntryAndThePinsOfItsLoadShareOneMap() {
        ok("prog", "loadall", object.toString(), "/sys/fs/bpf/sc");
        ok("register", ":count:B:/sys/fs/bpf/sc/bump::::");
        assertEquals(ExitCodes.NO, Cli.inState(state, "resolve", file.toString(), file.toString()).exitCode());
        assertTrue(Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/sc/peek", "data_in", file.toString()).out()
                .startsWith("Return value: 2, "));
    }
}
