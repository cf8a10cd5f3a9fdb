package org.binfmtbpf.maps;

/** Creates maps from what an object file declares, with the kernel's checks on the declaration. */
public final class BpfMaps {
    private BpfMaps() {}

    /** The largest hash key the kernel accepts (MAX_BPF_STACK: keys live on the stack). */
    public static final int MAX_HASH_KEY_SIZE = 512;

    /**
     * A new, empty map (array maps: zeroed, or holding {@code spec.initialValue()}), registered
     * in the region table. Throws IllegalArgumentException naming the map and the bad field
     * where the kernel's BPF_MAP_CREATE would fail.
     */
    public static BpfMap create(MapSpec spec) {
        check(spec);
        return switch (spec.type()) {
            case ARRAY -> new ArrayMap(spec);
            case HASH -> new HashTableMap(spec);
            case LRU_HASH -> new LruHashMap(spec);
            case PROG_ARRAY -> new ProgArrayMap(spec);
        };
    }

    private static void check(MapSpec spec) {
        if (spec.type() == null) {
            throw invalid(spec, "type is missing");
        }
        if (spec.maxEntries() <= 0) {
            throw invalid(spec, "max_entries " + spec.maxEntries() + " must be positive");
        }
        if (spec.keySize() <= 0 || spec.valueSize() <= 0) {
            throw invalid(spec, "key_size " + spec.keySize() + " and value_size " + spec.valueSize() + " must be positive");
        }
        switch (spec.type()) {
            case ARRAY, PROG_ARRAY -> {
                if (spec.keySize() != 4) {
                    throw invalid(spec, "key_size " + spec.keySize() + " must be 4 for an array");
                }
                if (spec.type() == MapType.PROG_ARRAY && spec.valueSize() != 4) {
                    throw invalid(spec, "value_size " + spec.valueSize() + " must be 4 for a prog array");
                }
                if ((long) ((spec.valueSize() + 7) & ~7) * spec.maxEntries() > Integer.MAX_VALUE - 8) {
                    throw invalid(spec, "max_entries * value_size is too large");
                }
            }
            case HASH, LRU_HASH -> {
                if (spec.keySize() > MAX_HASH_KEY_SIZE) {
                    throw invalid(spec, "key_size " + spec.keySize() + " exceeds " + MAX_HASH_KEY_SIZE);
                }
            }
        }
        if (spec.initialValue() != null && spec.initialValue().length > spec.valueSize()) {
            throw invalid(spec, "initial value of " + spec.initialValue().length + " bytes exceeds value_size " + spec.valueSize());
        }
    }

    private static IllegalArgumentException invalid(MapSpec spec, String why) {
        return new IllegalArgumentException("map '" + spec.name() + "': " + why);
    }
}
