package org.binfmtbpf.helpers;

import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * Helpers 1-3: map_lookup_elem, map_update_elem, map_delete_elem. Keys and values are read in
 * place from program memory (no copies, no allocation); results are the map's own, including
 * the kernel's negative errnos widened to 64 bits.
 */
public final class MapHelpers {
    private MapHelpers() {}

    public static final HelperPrototype LOOKUP = HelperPrototype.of(ReturnKind.MAP_VALUE_OR_NULL,
            ArgKind.CONST_MAP_PTR, ArgKind.PTR_TO_MAP_KEY);
    public static final HelperPrototype UPDATE = HelperPrototype.of(ReturnKind.INTEGER,
            ArgKind.CONST_MAP_PTR, ArgKind.PTR_TO_MAP_KEY, ArgKind.PTR_TO_MAP_VALUE, ArgKind.ANYTHING);
    public static final HelperPrototype DELETE = HelperPrototype.of(ReturnKind.INTEGER,
            ArgKind.CONST_MAP_PTR, ArgKind.PTR_TO_MAP_KEY);

    /** void *bpf_map_lookup_elem(struct bpf_map *map, const void *key): the value's address or 0. */
    public static long mapLookupElem(Invocation inv, long map, long key, long r3, long r4, long r5) {
        BpfMap m = HelperArgs.map(map, "map_lookup_elem");
        Region k = Memory.resolve(inv, key, m.keySize(), false, -1);
        return m.lookupAddress(k.bytes(), Address.offset(key));
    }

    /** long bpf_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags). */
    public static long mapUpdateElem(Invocation inv, long map, long key, long value, long flags, long r5) {
        BpfMap m = HelperArgs.map(map, "map_update_elem");
        refuseReadOnly(m, "map_update_elem");
        Region k = Memory.resolve(inv, key, m.keySize(), false, -1);
        Region v = Memory.resolve(inv, value, m.valueSize(), false, -1);
        return m.update(k.bytes(), Address.offset(key), v.bytes(), Address.offset(value), flags);
    }

    /** long bpf_map_delete_elem(struct bpf_map *map, const void *key). */
    public static long mapDeleteElem(Invocation inv, long map, long key, long r3, long r4, long r5) {
        BpfMap m = HelperArgs.map(map, "map_delete_elem");
        refuseReadOnly(m, "map_delete_elem");
        Region k = Memory.resolve(inv, key, m.keySize(), false, -1);
        return m.delete(k.bytes(), Address.offset(key));
    }

    /** The verifier refuses these calls on BPF_F_RDONLY_PROG maps ("write into map forbidden"). */
    private static void refuseReadOnly(BpfMap m, String helper) {
        if (m.readOnlyForProgram()) {
            throw new BpfFault(-1, helper + ": write into map forbidden (map '" + m.name() + "' is read-only for programs)");
        }
    }
}
