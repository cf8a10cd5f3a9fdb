package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import static org.binfmtbpf.maps.MapBytes.spec;
import static org.binfmtbpf.maps.MapBytes.u32;
import static org.binfmtbpf.maps.MapBytes.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BPF_MAP_TYPE_HASH as kernel/bpf/hashtab.c defines it. */
class HashTableMapTest {
    private final HashTableMap map = (HashTableMap) BpfMaps.create(spec(MapType.HASH, 4, 8, 3));

    @AfterEach
    void close() {
        map.close();
    }

    @Test
    void missingKeyLooksUpAsNull() {
        assertNull(map.lookup(u32(1)));
        assertEquals(0, map.lookupAddress(u32(1), 0));
    }

    @Test
    void noexistCreatesOnlyNewElements() {
        assertEquals(0, map.update(u32(1), u64(10), UpdateFlags.NOEXIST));
        assertEquals(Errno.EEXIST.negated(), map.update(u32(1), u64(11), UpdateFlags.NOEXIST));
        assertEquals(10, u64(map.lookup(u32(1))));
    }

    @Test
    void existUpdatesOnlyExistingElements() {
        assertEquals(Errno.ENOENT.negated(), map.update(u32(1), u64(10), UpdateFlags.EXIST));
        assertNull(map.lookup(u32(1)));
        map.update(u32(1), u64(10), UpdateFlags.ANY);
        assertEquals(0, map.update(u32(1), u64(12), UpdateFlags.EXIST));
        assertEquals(12, u64(map.lookup(u32(1))));
    }

    @Test
    void unknownFlagsAndLockAreInvalid() {
        assertEquals(Errno.EINVAL.negated(), map.update(u32(1), u64(1), 3));
        assertEquals(Errno.EINVAL.negated(), map.update(u32(1), u64(1), UpdateFlags.F_LOCK));
        assertEquals(Errno.EINVAL.negated(), map.update(u32(1), u64(1), -1L));
        assertEquals(0, map.size());
    }

    @Test
    void aFullMapRefusesNewKeysWithE2bigButStillUpdatesExistingOnes() {
        for (int k = 0; k < 3; k++) {
            assertEquals(0, map.update(u32(k), u64(k), UpdateFlags.ANY));
        }
        assertEquals(Errno.E2BIG.negated(), map.update(u32(3), u64(3), UpdateFlags.ANY));
        assertEquals(0, map.update(u32(2), u64(20), UpdateFlags.ANY));
        assertEquals(Errno.EEXIST.negated(), map.update(u32(2), u64(20), UpdateFlags.NOEXIST), "-EEXIST before -E2BIG");
        assertEquals(0, map.delete(u32(0)));
        assertEquals(0, map.update(u32(3), u64(3), UpdateFlags.ANY));
        assertEquals(3, map.size());
    }

    @Test
    void deleteOfAMissingKeyIsEnoent() {
        assertEquals(Errno.ENOENT.negated(), map.delete(u32(5)));
        map.update(u32(5), u64(5), UpdateFlags.ANY);
        assertEquals(0, map.delete(u32(5)));
        assertEquals(Errno.ENOENT.negated(), map.delete(u32(5)));
        assertNull(map.lookup(u32(5)));
    }

    @Test
    void anUpdateCopiesIntoTheExistingValueRegion() {
        map.update(u32(1), u64(1), UpdateFlags.ANY);
        long before = map.lookupAddress(u32(1), 0);
        map.update(u32(1), u64(0xabcdef), UpdateFlags.ANY);
        assertEquals(before, map.lookupAddress(u32(1), 0));
        Region value = (Region) RegionTable.get(Address.region(before));
        assertEquals(0xabcdef, u64(value.bytes()));
    }

    @Test
    void programLookupsReadTheKeyInPlaceAtAnOffset() {
        map.update(u32(0x01020304), u64(99), UpdateFlags.ANY);
        byte[] stack = new byte[16];
        System.arraycopy(u32(0x01020304), 0, stack, 9, 4);
        long address = map.lookupAddress(stack, 9);
        assertNotEquals(0, address);
        assertEquals(99, u64(((Region) RegionTable.get(Address.region(address))).bytes()));
    }

    @Test
    void aDeletedValueRegionIsRecycledLikeTheKernelsPreallocatedElements() {
        map.update(u32(1), u64(111), UpdateFlags.ANY);
        long stale = map.lookupAddress(u32(1), 0);
        map.delete(u32(1));
        Region region = (Region) RegionTable.get(Address.region(stale));
        assertEquals(111, u64(region.bytes()), "a pointer kept across the delete still reads the old value");
        map.update(u32(2), u64(222), UpdateFlags.ANY);
        assertEquals(stale, map.lookupAddress(u32(2), 0), "the next insert reuses the region");
        assertEquals(222, u64(region.bytes()));
    }

    @Test
    void nextKeyVisitsEveryKeyOnceThenEnds() {
        for (int k = 10; k < 13; k++) {
            map.update(u32(k), u64(k), UpdateFlags.ANY);
        }
        Set<Long> seen = new HashSet<>();
        for (byte[] k = map.nextKey(null); k != null; k = map.nextKey(k)) {
            assertTrue(seen.add(u32(k)), "visited twice: " + u32(k));
        }
        assertEquals(Set.of(10L, 11L, 12L), seen);
    }

    @Test
    void nextKeyOfAMissingKeyRestartsAtTheFirst() {
        assertNull(map.nextKey(null), "empty map: -ENOENT");
        assertNull(map.nextKey(u32(7)));
        map.update(u32(7), u64(7), UpdateFlags.ANY);
        assertArrayEquals(u32(7), map.nextKey(u32(8)));
        assertNull(map.nextKey(u32(7)));
    }

    @Test
    void userspaceKeysAndValuesMustHaveTheDeclaredSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> map.update(new byte[3], u64(0), UpdateFlags.ANY));
        assertEquals("map 'm': key is 3 bytes, expected 4 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> map.update(u32(0), new byte[9], UpdateFlags.ANY));
        assertThrows(IllegalArgumentException.class, () -> map.lookup(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> map.nextKey(new byte[2]));
    }

    @Test
    void largeKeysCompareByContent() {
        HashTableMap wide = (HashTableMap) BpfMaps.create(spec(MapType.HASH, 64, 4, 8));
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        b[63] = 1;
        wide.update(a, u32(1), UpdateFlags.ANY);
        wide.update(b, u32(2), UpdateFlags.ANY);
        assertEquals(1, u32(wide.lookup(a)));
        assertEquals(2, u32(wide.lookup(b)));
        wide.close();
    }
}
