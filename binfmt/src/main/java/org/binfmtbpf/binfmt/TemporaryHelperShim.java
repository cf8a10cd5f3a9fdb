package org.binfmtbpf.binfmt;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * TEMPORARY (h-binfmt branch only, until H-maps' StandardHelpers and H-interp's Memory are on
 * main): helper 212 with the RFC's semantics and the memory lookup helpers need. Deleted at
 * that merge; nothing else may depend on it except {@link BinfmtHelpers}.
 */
public final class TemporaryHelperShim {
    private TemporaryHelperShim() {}

    static HelperRegistry standard() {
        return HelperRegistry.builder().add(Helper.ofStatic(212, "binprm_set_interp",
                HelperPrototype.of(ReturnKind.INTEGER, ArgKind.PTR_TO_MEM_READONLY, ArgKind.CONST_SIZE),
                TemporaryHelperShim.class, "binprmSetInterp")).build();
    }

    public static long binprmSetInterp(Invocation inv, long path, long len, long r3, long r4, long r5) {
        long n = len & 0xffffffffL;
        if (n == 0 || n >= Invocation.PATH_MAX) {
            return -22;
        }
        Region src = resolve(inv, path, (int) n, false);
        inv.chooseInterpreter(src.bytes(), Address.offset(path), (int) n);
        return 0;
    }

    static Region resolve(Invocation inv, long address, int length, boolean write) {
        int id = Address.region(address);
        long offset = Address.unsignedOffset(address);
        Region region = id == Address.CONTEXT_REGION ? inv.context
                : id == Address.STACK_REGION ? inv.stackRegion
                : RegionTable.get(id) instanceof Region r ? r : null;
        if (region == null || length < 0 || offset + length > region.size() || (write && !region.writable())) {
            throw new BpfFault(-1, "invalid " + (write ? "write" : "read") + " of " + length + " bytes at 0x"
                    + Long.toHexString(address));
        }
        return region;
    }
}
