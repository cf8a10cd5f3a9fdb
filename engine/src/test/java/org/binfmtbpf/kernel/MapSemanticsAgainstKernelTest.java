package org.binfmtbpf.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same random sequence of userspace map operations on our map and on a kernel map of
 * the same declaration gives the same errno and the same value at every step, and the same
 * set of keys at the end. Keys range past max_entries and flags past BPF_F_LOCK, so every
 * errno path is taken.
 */
class MapSemanticsAgainstKernelTest {
    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    @ParameterizedTest(name = "{0} max_entries {1}, seed {2}")
    @CsvSource({"ARRAY, 4, 1", "ARRAY, 1, 2", "HASH, 3, 3", "HASH, 8, 4", "HASH, 1, 5", "LRU_HASH, 64, 6"})
    void everyStepAgrees(MapType type, int maxEntries, long seed) {
        // LRU runs with room to spare: the kernel's eviction order on a full map is per-CPU
        // and approximate, so only its flag and errno rules are compared here.
        BpfMap ours = BpfMaps.create(new MapSpec("diff", type, 4, 8, maxEntries, 0, null, false));
        int keyRange = type == MapType.LRU_HASH ? 32 : maxEntries + 3;
        Random random = new Random(seed);
        try (KernelMap kernel = KernelBpf.createMap("diff", type.kernelId(), 4, 8, maxEntries, 0)) {
            for (int step = 0; step < 400; step++) {
                byte[] key = {(byte) random.nextInt(keyRange), 0, 0, 0};
                String where = "step " + step + " key " + key[0];
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        byte[] value = new byte[8];
                        random.nextBytes(value);
                        long flags = random.nextInt(6);
                        assertEquals(kernel.update(key, value, flags), ours.update(key, value, flags), where + " update flags " + flags);
                    }
                    case 2 -> assertEquals(kernel.delete(key), ours.delete(key), where + " delete");
                    default -> assertArrayEquals(kernel.lookup(key), ours.lookup(key), where + " lookup");
                }
                byte[] probe = {(byte) random.nextInt(keyRange), 0, 0, 0};
                if (type == MapType.ARRAY) {
                    assertArrayEquals(kernel.nextKey(probe), ours.nextKey(probe), where + " next key");
                }
            }
            assertEquals(keys(kernel), keys(ours));
        } finally {
            ours.close();
        }
    }

    private static Set<String> keys(KernelMap m) {
        Set<String> keys = new HashSet<>();
        m.keys().forEach(k -> keys.add(HexFormat.of().formatHex(k)));
        return keys;
    }

    private static Set<String> keys(BpfMap m) {
        Set<String> keys = new HashSet<>();
        for (byte[] k = m.nextKey(null); k != null; k = m.nextKey(k)) {
            keys.add(HexFormat.of().formatHex(k));
        }
        return keys;
    }
}
