package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;

/**
 * BPF_MAP_TYPE_HASH: up to {@code max_entries} values under arbitrary keys.
 *
 * <p>Lookups are lock-free ({@link ConcurrentHashMap}) and allocate nothing: the key is read
 * in place from program memory through this thread's {@link MapKey.Probe}. Inserts, updates
 * and deletes take the map's lock, which keeps the element count exact for -E2BIG.
 *
 * <p>Each element's value is its own {@link Region} with a global id, so a lookup returns a
 * plain address. Like the kernel's default (preallocated) hash map, a deleted element's
 * value region is recycled for a later insert rather than freed: a program that keeps a
 * pointer across a delete reads or writes whatever that region holds now (the deleted value
 * until reuse, then another key's value), exactly as a kernel program would, and never
 * faults. This also bounds the map to {@code max_entries} region ids however many inserts
 * and deletes it sees. Updating an existing key copies the new bytes into the same region
 * (the kernel swaps in a new element instead; a pointer taken before the update then sees
 * stale data in the kernel but the new data here).
 */
public class HashTableMap extends MapBase {
    /** One stored element: its key and its value region. LRU links are used by {@link LruHashMap} only. */
    static final class Element {
        final MapKey key;
        final ValueSlot slot;
        volatile boolean referenced;
        Element prev;
        Element next;

        Element(MapKey key, ValueSlot slot) {
            this.key = key;
            this.slot = slot;
        }
    }

    /** A value region registered in the {@link RegionTable}; recycled across deletes. */
    record ValueSlot(Region region, int id, long address) {}

    private final ConcurrentHashMap<MapKey, Element> elements;
    private final ArrayDeque<ValueSlot> recycled = new ArrayDeque<>();
    private int slotsCreated;
    private int count;
    final Object lock = new Object();

    HashTableMap(MapSpec spec) {
        super(spec);
        this.elements = new ConcurrentHashMap<>(Math.min(spec.maxEntries(), 1 << 16));
    }

    @Override
    final long find(byte[] key, int keyOffset, boolean fromProgram) {
        Element e = get(key, keyOffset);
        if (e == null) {
            return 0;
        }
        if (fromProgram) {
            used(e);
        }
        return e.slot.address();
    }

    private Element get(byte[] key, int keyOffset) {
        // ConcurrentHashMap.get calls probe.equals(storedKey), which compares contents.
        return elements.get(probeOf(key, keyOffset));
    }

    /** This thread's probe pointed at the key bytes; valid until this thread's next probe. */
    private Object probeOf(byte[] key, int keyOffset) {
        return MapKey.Probe.forThisThread().point(key, keyOffset, keySize());
    }

    @Override
    public final int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags) {
        if (UpdateFlags.unknownBits(flags) || UpdateFlags.lock(flags)) {
            return Errno.EINVAL.negated();
        }
        synchronized (lock) {
            Element old = get(key, keyOffset);
            if (old != null && flags == UpdateFlags.NOEXIST) {
                return Errno.EEXIST.negated();
            }
            if (old == null && flags == UpdateFlags.EXIST) {
                return Errno.ENOENT.negated();
            }
            if (old != null) {
                System.arraycopy(value, valueOffset, old.slot.region().bytes(), 0, valueSize());
                updated(old);
                return 0;
            }
            if (count >= maxEntries() && !evictOne()) {
                return Errno.E2BIG.negated();
            }
            ValueSlot slot = takeSlot();
            System.arraycopy(value, valueOffset, slot.region().bytes(), 0, valueSize());
            Element e = new Element(MapKey.copyOf(key, keyOffset, keySize()), slot);
            elements.put(e.key, e);
            count++;
            inserted(e);
            return 0;
        }
    }

    @Override
    public final int delete(byte[] key, int keyOffset) {
        synchronized (lock) {
            Element e = get(key, keyOffset);
            if (e == null) {
                return Errno.ENOENT.negated();
            }
            remove(e);
            return 0;
        }
    }

    /** Removes {@code e} (held under the lock) and recycles its value region. */
    final void remove(Element e) {
        elements.remove(e.key);
        count--;
        removed(e);
        recycled.push(e.slot);
    }

    private ValueSlot takeSlot() {
        ValueSlot slot = recycled.poll();
        if (slot != null) {
            return slot;
        }
        Region region = new Region(name() + "[" + slotsCreated++ + "]", Region.Kind.MAP_VALUE,
                new byte[valueSize()], !readOnlyForProgram());
        int id = RegionTable.register(region);
        return new ValueSlot(region, id, Address.of(id, 0));
    }

    @Override
    public final byte[] nextKey(byte[] key) {
        // htab_map_get_next_key: the element after key; the first one when key is null or absent.
        MapKey first = null;
        boolean found = false;
        if (key != null) {
            checkSize("key", key, keySize());
        }
        Object probe = key == null ? null : probeOf(key, 0);
        for (MapKey k : elements.keySet()) {
            if (found) {
                return k.toArray();
            }
            if (first == null) {
                first = k;
            }
            if (probe != null && probe.equals(k)) {
                found = true;
            }
        }
        return found || first == null ? null : first.toArray();
    }

    /** Number of elements now. */
    public final int size() {
        synchronized (lock) {
            return count;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (Element e : elements.values()) {
                RegionTable.release(e.slot.id());
            }
            for (ValueSlot s : recycled) {
                RegionTable.release(s.id());
            }
            elements.clear();
            recycled.clear();
            count = 0;
        }
        super.close();
    }

    // ---- Hooks for LRU eviction; a plain hash map never evicts. Called under the lock except used(). ----

    /** A program looked the element up. */
    void used(Element e) {}

    void inserted(Element e) {}

    void updated(Element e) {}

    void removed(Element e) {}

    /** Makes room for an insert into a full map; false means -E2BIG. */
    boolean evictOne() {
        return false;
    }
}
