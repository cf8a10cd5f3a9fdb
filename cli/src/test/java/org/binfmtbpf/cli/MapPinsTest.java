package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prog load ... pinmaps DIR: map pins live in the bpf filesystem beside program pins, under the
 * same rules, and a load that fails pins nothing.
 */
class MapPinsTest {
    @TempDir Path dir;
    Path state;
    Path machines;

    @BeforeEach
    void pinTheCounterAndItsMap() throws Exception {
        state = dir.resolve("state");
        machines = Resources.machinesObject(dir);
        Cli.Result r = Cli.inState(state, "prog", "load", machines.toString(), "/sys/fs/bpf/machines", "pinmaps",
                "/sys/fs/bpf/m");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void aMapPinTakenByAProgramRefusesTheLoadAndWritesNothing() throws Exception {
        byte[] mapPinsBefore = Files.readAllBytes(state.resolve("map-pins"));
        Cli.Result r = Cli.inState(state, "prog", "load", machines.toString(), "/sys/fs/bpf/d/machines", "pinmaps",
                "/sys/fs/bpf/d");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog load: pin: /sys/fs/bpf/d/machines is already pinned (EEXIST)\n", r.err());
        assertEquals(1, Cli.inState(state, "prog", "show").out().lines().filter(l -> l.startsWith("\tpinned")).count());
        assertEquals(new String(mapPinsBefore), Files.readString(state.resolve("map-pins")));
    }

    @Test
    void aProgramPinTakenByAMapIsRefused() {
        Cli.Result r = Cli.inState(state, "prog", "load", machines.toString(), "/sys/fs/bpf/m/machines");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog load: pin: /sys/fs/bpf/m/machines is already pinned (EEXIST)\n", r.err());
    }

    @Test
    void aMapPinOutsideTheBpfFilesystemIsRefusedAsAProgramPinIs() {
        Cli.Result r = Cli.inState(state, "prog", "load", machines.toString(), "/sys/fs/bpf/other", "pinmaps", "/etc");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog load: pin: /etc/machines is outside the bpf filesystem (/sys/fs/bpf) (EPERM)\n",
                r.err());
        assertEquals("", Cli.inState(state, "prog", "show", "pinned", "/sys/fs/bpf/other").out());
    }

    @Test
    void aPinnedMapIsFoundUnderAnySpellingOfItsPath() {
        Cli.Result r = Cli.inState(state, "map", "show", "pinned", "/sys/fs/bpf//x/../m/machines/");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1: hash  name machines  flags 0x0\n\tkey 4B  value 8B  max_entries 64\n", r.out());
    }

    @Test
    void aSecondPinAtTheSamePathSaysSoOnce() {
        Cli.Result r = Cli.inState(state, "prog", "load", machines.toString(), "/sys/fs/bpf/machines");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog load: pin: /sys/fs/bpf/machines is already pinned (EEXIST)\n", r.err());
    }

    @Test
    void aRelativePinPathIsBadInputLikeARegistrationsBadField() {
        Cli.Result r = Cli.inState(state, "prog", "load", machines.toString(), "relative/pin");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog load: pin: 'relative/pin' is not an absolute path (EINVAL)\n", r.err());
    }

    @Test
    void aMapPinIsRemovedAsAProgramPinIs() {
        assertEquals(0, Cli.inState(state, "prog", "unpin", "/sys/fs/bpf/m/machines").exitCode());
        assertEquals(ExitCodes.ENVIRONMENT, Cli.inState(state, "map", "show", "pinned", "/sys/fs/bpf/m/machines").exitCode());
        assertEquals("1: hash  name machines  flags 0x0\n\tkey 4B  value 8B  max_entries 64\n",
                Cli.inState(state, "map", "show", "name", "machines").out(), "the program and its map stay");
        assertEquals(0, Cli.inState(state, "prog", "load", machines.toString(), "/sys/fs/bpf/m/machines").exitCode(),
                "the path is free again");
    }

    @Test
    void aMapPinWhoseProgramIsGoneSaysSo() {
        assertEquals(0, Cli.inState(state, "prog", "unpin", "/sys/fs/bpf/machines").exitCode());
        Cli.Result r = Cli.inState(state, "map", "dump", "pinned", "/sys/fs/bpf/m/machines");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf map dump: /sys/fs/bpf/m/machines: a map of /sys/fs/bpf/machines, which is no longer"
                + " pinned (remove the pin with 'prog unpin /sys/fs/bpf/m/machines')\n", r.err());
    }
}
