package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import static org.binfmtbpf.maps.MapBytes.spec;
import static org.binfmtbpf.maps.MapBytes.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;
import org.junit.jupiter.api.Test;

/** BPF_MAP_TYPE_PROG_ARRAY: the tail-call jump table. */
class ProgArrayMapTest {
    private final ProgArrayMap map = (ProgArrayMap) BpfMaps.create(spec(MapType.PROG_ARRAY, 4, 4, 2));
    private final Program target = new Program("t", ProgramType.RAW, new Instruction[0], new long[0],
            List.of(new Subprogram("main", 0, 0, 0)), null, List.of(), null, "GPL");

    @Test
    void slotsHoldProgramsForTailCalls() {
        assertNull(map.get(0));
        map.set(1, target);
        assertSame(target, map.get(1));
        assertNull(map.get(2));
        assertNull(map.get(0xffffffffL));
        assertThrows(IndexOutOfBoundsException.class, () -> map.set(2, target));
    }

    @Test
    void deleteEmptiesASlotWithTheKernelsErrnos() {
        map.set(0, target);
        assertEquals(0, map.delete(u32(0)));
        assertEquals(Errno.ENOENT.negated(), map.delete(u32(0)));
        assertEquals(Errno.E2BIG.negated(), map.delete(u32(2)));
        assertNull(map.get(0));
    }

    @Test
    void programsCannotLookUpAndBytesCannotNameAProgram() {
        map.set(0, target);
        assertEquals(0, map.lookupAddress(u32(0), 0));
        assertEquals(Errno.EOPNOTSUPP.negated(), map.update(u32(0), u32(3), UpdateFlags.ANY));
    }

    @Test
    void nextKeyIsTheArrayOrder() {
        assertEquals(0, MapBytes.u32(map.nextKey(null)));
        assertEquals(1, MapBytes.u32(map.nextKey(u32(0))));
        assertNull(map.nextKey(u32(1)));
    }
}
