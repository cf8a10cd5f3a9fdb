package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import static org.binfmtbpf.maps.MapBytes.spec;
import static org.binfmtbpf.maps.MapBytes.u32;
import static org.binfmtbpf.maps.MapBytes.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BPF_MAP_TYPE_ARRAY as kernel/bpf/arraymap.c defines it. */
class ArrayMapTest {
    private final ArrayMap map = (ArrayMap) BpfMaps.create(spec(MapType.ARRAY, 4, 8, 4));

    @AfterEach
    void close() {
        map.close();
    }

    @Test
    void everyElementExistsAndStartsZeroed() {
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new byte[8], map.lookup(u32(i)));
        }
    }

    @Test
    void lookupPastMaxEntriesIsNull() {
        assertNull(map.lookup(u32(4)));
        assertNull(map.lookup(u32(0xffffffffL)));
        assertEquals(0, map.lookupAddress(u32(4), 0));
    }

    @ParameterizedTest(name = "index {0} flags {1} -> {2}")
    @CsvSource({
        "0, 0, 0",       // BPF_ANY
        "3, 2, 0",       // BPF_EXIST: array elements always exist
        "1, 1, -17",     // BPF_NOEXIST: -EEXIST
        "4, 0, -7",      // past max_entries: -E2BIG
        "4, 1, -7",      // -E2BIG is checked before -EEXIST
        "0, 3, -22",     // unknown flag bits: -EINVAL
        "4, 3, -22",     // ... checked first
        "0, 4, -22",     // BPF_F_LOCK without a spin lock: -EINVAL
        "4, 4, -22",     // ... which the syscall checks first
    })
    void updateFollowsTheKernelsOrderOfChecks(long index, long flags, int errno) {
        assertEquals(errno, map.update(u32(index), u64(0x1122334455667788L), flags));
        if (errno == 0) {
            assertEquals(0x1122334455667788L, u64(map.lookup(u32(index))));
        }
    }

    @Test
    void aProgramsLockFlagIsCheckedAfterTheIndex() {
        assertEquals(Errno.E2BIG.negated(), map.update(u32(4), 0, u64(0), 0, UpdateFlags.F_LOCK));
        assertEquals(Errno.EINVAL.negated(), map.update(u32(3), 0, u64(0), 0, UpdateFlags.F_LOCK));
    }

    @Test
    void deleteIsInvalid() {
        assertEquals(Errno.EINVAL.negated(), map.delete(u32(0)));
        assertEquals(Errno.EINVAL.negated(), map.delete(u32(99)));
    }

    @Test
    void nextKeyWalksIndicesAndRestartsFromAnOutOfRangeKey() {
        assertEquals(0, u32(map.nextKey(null)));
        assertEquals(1, u32(map.nextKey(u32(0))));
        assertEquals(3, u32(map.nextKey(u32(2))));
        assertNull(map.nextKey(u32(3)), "the last index has no successor (-ENOENT)");
        assertEquals(0, u32(map.nextKey(u32(17))));
    }

    @Test
    void valueAddressIsWhereProgramsSeeTheValueInPlace() {
        long address = map.valueAddress(2);
        assertEquals(address, map.lookupAddress(u32(2), 0));
        Region region = (Region) RegionTable.get(Address.region(address));
        region.bytes()[Address.offset(address)] = 42;      // a program's store
        assertEquals(42, map.lookup(u32(2))[0]);
        map.update(u32(2), u64(7), UpdateFlags.ANY);        // userspace writes in place
        assertEquals(7, region.bytes()[Address.offset(address)]);
        assertTrue(region.writable());
    }

    @Test
    void elementsAreEightByteAlignedButTheLastEndsAtValueSize() {
        ArrayMap odd = (ArrayMap) BpfMaps.create(spec(MapType.ARRAY, 4, 5, 3));
        assertEquals(8, odd.valueAddress(1) - odd.valueAddress(0));
        assertEquals(2 * 8 + 5, odd.valuesRegion().size());
        odd.close();
    }

    @Test
    void globalDataStartsWithTheSectionBytesAndRodataIsReadOnlyForPrograms() {
        byte[] section = {1, 2, 3, 4, 5};
        ArrayMap rodata = (ArrayMap) BpfMaps.create(
                new MapSpec("obj.rodata", MapType.ARRAY, 4, 5, 1, MapSpec.F_RDONLY_PROG, section, true));
        assertArrayEquals(section, rodata.lookup(u32(0)));
        assertFalse(rodata.valuesRegion().writable());
        assertEquals(Region.Kind.GLOBAL_DATA, rodata.valuesRegion().kind());
        section[0] = 9;
        assertEquals(1, rodata.lookup(u32(0))[0], "the map owns a copy of the section");
        rodata.close();
    }

    @Test
    void closingForgetsTheHandleAndTheValues() {
        ArrayMap m = (ArrayMap) BpfMaps.create(spec(MapType.ARRAY, 4, 8, 1));
        int values = Address.region(m.valueAddress(0));
        assertTrue(RegionTable.get(m.handleId()) == m);
        m.close();
        assertNull(RegionTable.get(m.handleId()));
        assertNull(RegionTable.get(values));
    }
}
