package org.binfmtbpf.maps;

import static org.binfmtbpf.maps.MapBytes.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** BPF_MAP_CREATE's checks on a declaration. */
class BpfMapsTest {
    @Test
    void eachTypeGetsItsImplementation() {
        assertInstanceOf(ArrayMap.class, BpfMaps.create(spec(MapType.ARRAY, 4, 8, 1)));
        assertInstanceOf(HashTableMap.class, BpfMaps.create(spec(MapType.HASH, 8, 8, 1)));
        assertInstanceOf(LruHashMap.class, BpfMaps.create(spec(MapType.LRU_HASH, 8, 8, 1)));
        assertInstanceOf(ProgArrayMap.class, BpfMaps.create(spec(MapType.PROG_ARRAY, 4, 4, 1)));
    }

    @ParameterizedTest(name = "{0} key {1} value {2} max {3}")
    @CsvSource(delimiter = '|', value = {
        "ARRAY      | 8   | 8 | 1 | map 'm': key_size 8 must be 4 for an array",
        "PROG_ARRAY | 4   | 8 | 1 | map 'm': value_size 8 must be 4 for a prog array",
        "HASH       | 4   | 8 | 0 | map 'm': max_entries 0 must be positive",
        "HASH       | 0   | 8 | 1 | map 'm': key_size 0 and value_size 8 must be positive",
        "LRU_HASH   | 513 | 8 | 1 | map 'm': key_size 513 exceeds 512",
        "ARRAY      | 4   | 1073741824 | 4 | map 'm': max_entries * value_size is too large",
    })
    void badDeclarationsAreRefusedWithTheFieldNamed(MapType type, int key, int value, int max, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BpfMaps.create(spec(type, key, value, max)));
        assertEquals(message, e.getMessage());
    }
}
