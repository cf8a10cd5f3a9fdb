package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import static org.binfmtbpf.maps.MapBytes.spec;
import static org.binfmtbpf.maps.MapBytes.u32;
import static org.binfmtbpf.maps.MapBytes.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BPF_MAP_TYPE_LRU_HASH: a hash map that evicts instead of failing when full. */
class LruHashMapTest {
    private final LruHashMap map = (LruHashMap) BpfMaps.create(spec(MapType.LRU_HASH, 4, 8, 3));

    @AfterEach
    void close() {
        map.close();
    }

    private void insert(int... keys) {
        for (int k : keys) {
            assertEquals(0, map.update(u32(k), u64(k), UpdateFlags.ANY), "insert " + k);
        }
    }

    @Test
    void aFullMapEvictsTheOldestUnreferencedElement() {
        insert(1, 2, 3, 4);
        assertNull(map.lookup(u32(1)));
        assertNotNull(map.lookup(u32(2)));
        assertEquals(3, map.size());
    }

    @Test
    void aProgramLookupGivesAnElementASecondChance() {
        insert(1, 2, 3);
        map.lookupAddress(u32(1), 0);
        insert(4);
        assertNotNull(map.lookup(u32(1)));
        assertNull(map.lookup(u32(2)));
    }

    @Test
    void userspaceLookupsDoNotCountAsUse() {
        insert(1, 2, 3);
        map.lookup(u32(1));
        insert(4);
        assertNull(map.lookup(u32(1)));
    }

    @Test
    void anUpdateMakesTheElementTheYoungest() {
        insert(1, 2, 3);
        insert(1);
        insert(4);
        assertNotNull(map.lookup(u32(1)));
        assertNull(map.lookup(u32(2)));
    }

    @Test
    void flagsKeepTheirHashMeaning() {
        insert(1);
        assertEquals(Errno.EEXIST.negated(), map.update(u32(1), u64(0), UpdateFlags.NOEXIST));
        assertEquals(Errno.ENOENT.negated(), map.update(u32(9), u64(0), UpdateFlags.EXIST));
        assertEquals(Errno.EINVAL.negated(), map.update(u32(9), u64(0), UpdateFlags.F_LOCK));
        assertEquals(Errno.ENOENT.negated(), map.delete(u32(9)));
        assertEquals(0, map.delete(u32(1)));
    }

    @Test
    void evictionNeverFailsEvenWhenEveryElementIsReferenced() {
        insert(1, 2, 3);
        for (int k = 1; k <= 3; k++) {
            map.lookupAddress(u32(k), 0);
        }
        insert(4);
        assertEquals(3, map.size());
        assertNull(map.lookup(u32(1)), "all had a second chance; the oldest goes");
    }
}
