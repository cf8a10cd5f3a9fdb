package org.binfmtbpf.maps;

/**
 * BPF_MAP_TYPE_LRU_HASH: a hash map that, when full, evicts an element to make room for an
 * insert instead of failing with -E2BIG.
 *
 * <p>Like the kernel's LRU (kernel/bpf/bpf_lru_list.c) a program's lookup only sets the
 * element's reference bit, lock-free; userspace lookups do not (the kernel's
 * {@code htab_lru_map_lookup_elem_sys}). Eviction is second chance over insertion order:
 * the oldest element whose reference bit is clear goes; a referenced one has its bit
 * cleared and moves to the young end. An update of an existing key counts as a fresh
 * insert (the kernel replaces the node). The kernel approximates the same policy with
 * active/inactive lists and per-CPU batches, so on tiny maps it may evict a different
 * element than this exact order does.
 */
public final class LruHashMap extends HashTableMap {
    /** Sentinel of the circular list: {@code head.next} is the oldest element, {@code head.prev} the youngest. */
    private final Element head = new Element(null, null);

    LruHashMap(MapSpec spec) {
        super(spec);
        head.next = head;
        head.prev = head;
    }

    @Override
    void used(Element e) {
        if (!e.referenced) {
            e.referenced = true;
        }
    }

    @Override
    void inserted(Element e) {
        linkYoungest(e);
    }

    @Override
    void updated(Element e) {
        unlink(e);
        e.referenced = false;
        linkYoungest(e);
    }

    @Override
    void removed(Element e) {
        unlink(e);
    }

    @Override
    boolean evictOne() {
        Element e = head.next;
        while (e != head) {
            if (e.referenced) {
                e.referenced = false;
                unlink(e);
                linkYoungest(e);
                e = head.next;
            } else {
                remove(e);
                return true;
            }
        }
        return false;
    }

    private void linkYoungest(Element e) {
        e.prev = head.prev;
        e.next = head;
        head.prev.next = e;
        head.prev = e;
    }

    private static void unlink(Element e) {
        e.prev.next = e.next;
        e.next.prev = e.prev;
        e.prev = null;
        e.next = null;
    }
}
