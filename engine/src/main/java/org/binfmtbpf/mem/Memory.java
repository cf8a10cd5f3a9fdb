package org.binfmtbpf.mem;

import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * TEMPORARY SHIM (h-maps branch only): the helpers' slice of H-interp's Memory, with the same
 * signature, so this branch compiles until the real class lands on main. Deleted at that merge.
 */
public final class Memory {
    private Memory() {}

    public static Region resolve(Invocation inv, long address, int length, boolean write, int pc) {
        int id = Address.region(address);
        long offset = Address.unsignedOffset(address);
        Region region = id == Address.CONTEXT_REGION ? inv.context
                : id == Address.STACK_REGION ? inv.stackRegion
                : RegionTable.get(id) instanceof Region r ? r : null;
        if (region == null || length < 0 || offset + length > region.size()) {
            throw new BpfFault(pc, "invalid " + (write ? "write" : "read") + " of " + length + " bytes at 0x" + Long.toHexString(address));
        }
        if (write && !region.writable()) {
            throw new BpfFault(pc, "invalid write of " + length + " bytes at 0x" + Long.toHexString(address) + " (" + region.name() + " is read-only)");
        }
        return region;
    }
}
