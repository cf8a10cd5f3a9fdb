package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory from before commit 46552ae kept map contents as {@code maps/<program id>}
 * (the stored program's content id) and had no {@code map-sets}. Its pins keep their contents:
 * read in place by commands that only read, moved to the pin's own file by the first command
 * that may write, the old file removed only once every copy is written.
 */
class LegacyMapStateTest {
    private static final String SEVEN = "key: 3e 00 00 00  value: 07 00 00 00 00 00 00 00\nFound 1 element\n";

    @TempDir Path dir;
    Path state;
    Path old;

    /** Two pins of machines.bpf.o, as the old layout saw them: one program id, one contents file. */
    @BeforeEach
    void anOldLayoutDirectory() throws Exception {
        state = dir.resolve("state");
        Path object = Resources.machinesObject(dir);
        assertEquals(0, Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/a").exitCode());
        assertEquals(0, Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/b").exitCode());
        String programId;
        try (Stream<Path> objects = Files.list(state.resolve("objects"))) {
            programId = objects.findFirst().orElseThrow().getFileName().toString();
        }
        Files.deleteIfExists(state.resolve("map-sets"));
        Files.createDirectories(state.resolve("maps"));
        // e_machine 0x3e (x86-64) seen 7 times.
        old = Files.writeString(state.resolve("maps").resolve(programId),
                "map " + HexFormat.of().formatHex("machines".getBytes(StandardCharsets.UTF_8)) + "\n"
                        + "3e000000 0700000000000000\n");
    }

    @Test
    void aReadingCommandReadsTheOldFileAndLeavesIt() {
        assertEquals(SEVEN, Cli.inState(state, "map", "dump", "id", "1").out());
        assertEquals(SEVEN, Cli.inState(state, "map", "dump", "id", "2").out());
        assertTrue(Files.exists(old), "a reading command changed the directory");
    }

    @Test
    void theFirstWritingCommandMovesTheContentsToEachPinsOwnFile() throws Exception {
        assertEquals(0, Cli.inState(state, "map", "update", "id", "1", "key", "1", "0", "0", "0", "value", "1", "0",
                "0", "0", "0", "0", "0", "0").exitCode());
        assertFalse(Files.exists(old), "the old file stayed");
        String first = Cli.inState(state, "map", "dump", "id", "1").out();
        assertTrue(first.contains("key: 01 00 00 00  value: 01 00 00 00 00 00 00 00\n")
                && first.contains("key: 3e 00 00 00  value: 07 00 00 00 00 00 00 00\n")
                && first.endsWith("Found 2 elements\n"), first);
        assertEquals(SEVEN, Cli.inState(state, "map", "dump", "id", "2").out(), "the second pin lost its contents");
    }

    @Test
    void aCopyWrittenBeforeACrashIsKeptAndTheOldFileGoes() throws Exception {
        Path copy = state.resolve("maps").resolve(HexFormat.of().formatHex("/sys/fs/bpf/a".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(copy, Files.readString(old).replace("07", "08"));
        assertEquals(0, Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(), "/sys/fs/bpf/c")
                .exitCode());
        assertFalse(Files.exists(old));
        assertEquals(SEVEN.replace("07", "08"), Cli.inState(state, "map", "dump", "id", "1").out());
        assertEquals(SEVEN, Cli.inState(state, "map", "dump", "id", "2").out());
        assertEquals("Found 0 elements\n", Cli.inState(state, "map", "dump", "id", "3").out());
    }
}
