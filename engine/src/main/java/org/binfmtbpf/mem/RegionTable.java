package org.binfmtbpf.mem;

import java.util.Arrays;

/**
 * The process-wide table of global region ids: maps (as handles) and their values, and
 * global data sections. Ids are never reused while the JVM runs, so a stale pointer to a
 * released region faults instead of reaching another region's bytes.
 *
 * <p>Reads are lock-free (a volatile array snapshot); registration and release take a lock.
 */
public final class RegionTable {
    private static final Object LOCK = new Object();
    private static volatile Object[] slots = new Object[256];
    private static int next = Address.FIRST_GLOBAL_REGION;

    private RegionTable() {}

    /** Registers a {@link Region} or a map handle object and returns its region id. */
    public static int register(Object target) {
        synchronized (LOCK) {
            if (next == Integer.MAX_VALUE) {
                throw new IllegalStateException("region ids exhausted");
            }
            int id = next++;
            Object[] s = slots;
            if (id >= s.length) {
                s = Arrays.copyOf(s, Math.max(s.length * 2, id + 1));
            }
            s[id] = target;
            slots = s;
            return id;
        }
    }

    /** Forgets an id; later accesses through it fault. */
    public static void release(int id) {
        synchronized (LOCK) {
            Object[] s = slots;
            if (id >= Address.FIRST_GLOBAL_REGION && id < s.length) {
                s[id] = null;
            }
        }
    }

    /** The object registered under {@code id}, or null. */
    public static Object get(int id) {
        Object[] s = slots;
        return id >= 0 && id < s.length ? s[id] : null;
    }
}
