package org.binfmtbpf.helpers;

import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.RegionTable;
import org.binfmtbpf.run.BpfFault;

/**
 * Decoding of helper arguments that the verifier guarantees for a loaded program but that an
 * unverified one (the conformance suite's raw programs) may get wrong. A wrong one is a
 * {@link BpfFault} with pc -1; the engine re-throws it with the call's instruction index.
 */
final class HelperArgs {
    private HelperArgs() {}

    /** The map whose handle {@code r} holds (ARG_CONST_MAP_PTR). */
    static BpfMap map(long r, String helper) {
        if (Address.offset(r) == 0 && RegionTable.get(Address.region(r)) instanceof BpfMap map) {
            return map;
        }
        throw new BpfFault(-1, helper + ": 0x" + Long.toHexString(r) + " is not a map");
    }

    /** A u32 argument: the low 32 bits, zero-extended, as the kernel's BPF_CALL_x casts it. */
    static long u32(long r) {
        return r & 0xffffffffL;
    }
}
