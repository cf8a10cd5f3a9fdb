package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** map show, dump, lookup, update, delete: bpftool's syntax and output; contents persist between commands. */
class MapCommandsTest {
    @TempDir Path dir;
    Path state;

    @BeforeEach
    void loadAndRunTheCounter() throws Exception {
        state = dir.resolve("state");
        Path object = Resources.machinesObject(dir);
        Cli.Result r = Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/machines", "pinmaps",
                "/sys/fs/bpf/m");
        assertEquals(0, r.exitCode(), r.toString());
        Path aarch64 = Resources.executable(dir, ProgCommandsTest.header("hello-aarch64"));
        assertEquals(0, Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/machines", "data_in", aarch64.toString(),
                "repeat", "3").exitCode());
    }

    @Test
    void showAndDumpAsBpftool() {
        assertEquals("1: hash  name machines  flags 0x0\n\tkey 4B  value 8B  max_entries 64\n",
                Cli.inState(state, "map", "show").out());
        // e_machine 183 (0xb7, aarch64) was seen three times by the runs above.
        assertEquals("key: b7 00 00 00  value: 03 00 00 00 00 00 00 00\nFound 1 element\n",
                Cli.inState(state, "map", "dump", "pinned", "/sys/fs/bpf/m/machines").out());
        assertEquals("[{\"key\":[\"0xb7\",\"0x00\",\"0x00\",\"0x00\"],\"value\":[\"0x03\",\"0x00\",\"0x00\",\"0x00\","
                + "\"0x00\",\"0x00\",\"0x00\",\"0x00\"]}]\n", Cli.inState(state, "-j", "map", "dump", "id", "1").out());
    }

    @Test
    void updateLookupDeleteWithBpftoolsByteSyntax() {
        assertEquals(0, Cli.inState(state, "map", "update", "name", "machines", "key", "0x3e", "0", "0", "0",
                "value", "hex", "2a", "00", "00", "00", "00", "00", "00", "00", "noexist").exitCode());
        assertEquals("key: 3e 00 00 00  value: 2a 00 00 00 00 00 00 00\n",
                Cli.inState(state, "map", "lookup", "id", "1", "key", "62", "0", "0", "0").out());
        Cli.Result again = Cli.inState(state, "map", "update", "id", "1", "key", "62", "0", "0", "0",
                "value", "0", "0", "0", "0", "0", "0", "0", "0", "noexist");
        assertEquals(ExitCodes.NO, again.exitCode());
        assertEquals("binfmt-bpf map update: machines: EEXIST\n", again.err());
        assertEquals(0, Cli.inState(state, "map", "delete", "id", "1", "key", "62", "0", "0", "0").exitCode());
        Cli.Result gone = Cli.inState(state, "map", "lookup", "id", "1", "key", "62", "0", "0", "0");
        assertEquals(ExitCodes.NO, gone.exitCode());
        assertEquals("key:\n3e 00 00 00\n\nNot found\n", gone.out());
    }

    @Test
    void aKeyOfTheWrongSizeIsNamed() {
        Cli.Result r = Cli.inState(state, "map", "lookup", "id", "1", "key", "1", "2");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("binfmt-bpf map lookup: key: expected 4 bytes, got 2\n", r.err());
    }

    @Test
    void aMapIdThatIsNoNumberIsAUsageError() {
        Cli.Result r = Cli.inState(state, "map", "dump", "id", "abc");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf map dump: MAP_ID must be a non-negative integer, got 'abc'\n", r.err());
    }

    @Test
    void eachLoadOfAnObjectHasMapsOfItsOwnAsInTheKernel() throws Exception {
        Path object = Resources.machinesObject(dir);
        assertEquals(0, Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/zz-second").exitCode());
        // machines (map 1) counted three headers; the second load's map (2) starts empty, and stays apart.
        assertEquals("Found 0 elements\n", Cli.inState(state, "map", "dump", "id", "2").out());
        assertEquals(0, Cli.inState(state, "map", "update", "id", "2", "key", "1", "0", "0", "0", "value", "hex",
                "07", "00", "00", "00", "00", "00", "00", "00").exitCode());
        assertEquals("key: b7 00 00 00  value: 03 00 00 00 00 00 00 00\nFound 1 element\n",
                Cli.inState(state, "map", "dump", "id", "1").out());
        assertEquals("key: 01 00 00 00  value: 07 00 00 00 00 00 00 00\nFound 1 element\n",
                Cli.inState(state, "map", "dump", "id", "2").out());
    }

    @Test
    void aProgramLoadedAgainAfterUnpinStartsWithNewMaps() throws Exception {
        assertEquals(0, Cli.inState(state, "prog", "unpin", "/sys/fs/bpf/machines").exitCode());
        assertEquals(0, Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(),
                "/sys/fs/bpf/machines").exitCode());
        assertEquals("Found 0 elements\n", Cli.inState(state, "map", "dump", "id", "1").out());
    }

    @Test
    void rodataIsFrozenAsLibbpfLeavesIt() throws Exception {
        Path qemuState = dir.resolve("qemu-state");
        assertEquals(0, Cli.inState(qemuState, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu")
                .exitCode());
        List<String> update = new ArrayList<>(List.of("map", "update", "name", "qemu.rodata", "key", "0", "0", "0", "0",
                "value", "hex"));
        update.addAll(Collections.nCopies(3944, "00"));
        Cli.Result r = Cli.inState(qemuState, update.toArray(new String[0]));
        assertEquals(ExitCodes.NO, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf map update: qemu.rodata: EPERM (frozen: libbpf freezes .rodata once the program is"
                + " loaded)\n", r.err());
        Path aarch64 = Resources.executable(dir, ProgCommandsTest.header("hello-aarch64"));
        assertTrue(Cli.inState(qemuState, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", aarch64.toString())
                .out().startsWith("Return value: 1,"), "the table the program matches with is intact");
    }
}
