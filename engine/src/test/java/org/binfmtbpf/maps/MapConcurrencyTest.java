package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import static org.binfmtbpf.maps.MapBytes.spec;
import static org.binfmtbpf.maps.MapBytes.u32;
import static org.binfmtbpf.maps.MapBytes.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;
import org.junit.jupiter.api.Test;

/** Programs on many threads look up while userspace (or other programs) insert, update and delete. */
class MapConcurrencyTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 20_000;

    @Test
    void concurrentNoexistInsertsOfTheSameKeySucceedExactlyOnce() throws Exception {
        HashTableMap map = (HashTableMap) BpfMaps.create(spec(MapType.HASH, 4, 8, 1024));
        List<Integer> wins = runOnThreads(t -> {
            int won = 0;
            for (int k = 0; k < 1000; k++) {
                if (map.update(u32(k), u64(t), UpdateFlags.NOEXIST) == 0) {
                    won++;
                }
            }
            return won;
        });
        assertEquals(1000, wins.stream().mapToInt(Integer::intValue).sum());
        assertEquals(1000, map.size());
        map.close();
    }

    @Test
    void lookupsDuringChurnSeeEitherNothingOrAWholeElementOfTheirKey() throws Exception {
        // Even threads are programs looking up; odd threads insert and delete over more keys
        // than fit, so inserts meet -E2BIG and value regions are recycled under the readers.
        HashTableMap map = (HashTableMap) BpfMaps.create(spec(MapType.HASH, 4, 8, 64));
        List<Integer> results = runOnThreads(t -> {
            byte[] stack = new byte[8];
            int found = 0;
            for (int i = 0; i < ROUNDS; i++) {
                int k = (i * 7 + t) % 96;
                if (t % 2 == 0) {
                    System.arraycopy(u32(k), 0, stack, 4, 4);
                    long address = map.lookupAddress(stack, 4);
                    if (address != 0) {
                        Region r = (Region) RegionTable.get(Address.region(address));
                        assertTrue(r != null && r.size() == 8, "a live address names a value region");
                        found++;
                    }
                } else if (i % 3 == 0) {
                    map.delete(u32(k));
                } else {
                    int rc = map.update(u32(k), u64(k), UpdateFlags.ANY);
                    assertTrue(rc == 0 || rc == Errno.E2BIG.negated(), "update: " + rc);
                }
            }
            return found;
        });
        assertTrue(map.size() <= 64);
        int walked = 0;
        for (byte[] k = map.nextKey(null); k != null; k = map.nextKey(k)) {
            assertEquals(u32(k), u64(map.lookup(k)), "each surviving key holds its own value");
            walked++;
        }
        assertEquals(map.size(), walked);
        assertTrue(results.get(0) + results.get(2) > 0, "readers found elements");
        map.close();
    }

    @Test
    void lruEvictionUnderConcurrentInsertsKeepsTheCapacity() throws Exception {
        LruHashMap map = (LruHashMap) BpfMaps.create(spec(MapType.LRU_HASH, 4, 8, 100));
        runOnThreads(t -> {
            for (int i = 0; i < ROUNDS; i++) {
                int k = t * ROUNDS + i;
                assertEquals(0, map.update(u32(k), u64(k), UpdateFlags.ANY));
                map.lookupAddress(u32(k - 50), 0);
            }
            return 0;
        });
        assertEquals(100, map.size());
        map.close();
    }

    private static <T> List<T> runOnThreads(Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                futures.add(pool.submit((Callable<T>) () -> task.run(id)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface Task<T> {
        T run(int thread) throws Exception;
    }
}
