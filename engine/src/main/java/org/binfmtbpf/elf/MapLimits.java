package org.binfmtbpf.elf;

import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;

/**
 * Bounds on what an object may make the loader allocate. The kernel bounds maps by memlock;
 * here a hostile object must not be able to make a small file allocate gigabytes, so arrays
 * (preallocated) are capped at {@link #MAX_ARRAY_BYTES}.
 */
final class MapLimits {
    /** Largest preallocated array map (values and program slots) an object may declare. */
    static final long MAX_ARRAY_BYTES = 16L << 20;

    private MapLimits() {}

    /** Null when acceptable, otherwise why not. */
    static String check(MapSpec spec) {
        if (spec.maxEntries() <= 0) {
            return "max_entries " + Integer.toUnsignedString(spec.maxEntries()) + " must be positive";
        }
        if (spec.keySize() <= 0 || spec.valueSize() <= 0) {
            return "key_size " + Integer.toUnsignedString(spec.keySize()) + " and value_size "
                    + Integer.toUnsignedString(spec.valueSize()) + " must be positive";
        }
        if (spec.type() == MapType.ARRAY || spec.type() == MapType.PROG_ARRAY) {
            long bytes = ((spec.valueSize() + 7L) & ~7L) * spec.maxEntries();
            if (bytes > MAX_ARRAY_BYTES) {
                return "array of " + spec.maxEntries() + " x " + spec.valueSize() + " bytes exceeds the loader's limit of "
                        + MAX_ARRAY_BYTES + " bytes";
            }
        }
        return null;
    }
}
