package org.binfmtbpf.maps;

/**
 * A BPF map as programs and userspace see it. Each map is registered in
 * {@link org.binfmtbpf.mem.RegionTable} so that its handle is an ordinary register value
 * (what LD_IMM64 with a map pseudo source loads), and its values are regions that
 * {@code map_lookup_elem} returns pointers into.
 */
public interface BpfMap {
    String name();

    MapType type();

    int keySize();

    int valueSize();

    int maxEntries();

    int flags();

    /** The region id of the map handle; {@code Address.of(handleId(), 0)} is what programs hold. */
    int handleId();
}
