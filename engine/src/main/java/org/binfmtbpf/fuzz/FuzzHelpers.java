package org.binfmtbpf.fuzz;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * Helpers for generated test programs, one per way a helper can behave: compute, touch
 * memory, fault (pc -1, the engine names the call), throw a plain exception.
 */
public final class FuzzHelpers {
    public static final int MIX = 1;
    public static final int STORE_BYTE = 2;
    public static final int FAULT_IF_ODD = 3;
    public static final int THROW_IF_SEVEN = 4;

    public static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(helper(MIX, "mix", "mix"))
            .add(helper(STORE_BYTE, "store_byte", "storeByte"))
            .add(helper(FAULT_IF_ODD, "fault_if_odd", "faultIfOdd"))
            .add(helper(THROW_IF_SEVEN, "throw_if_seven", "throwIfSeven"))
            .build();

    private FuzzHelpers() {}

    private static Helper helper(int id, String name, String method) {
        return Helper.ofStatic(id, name, HelperPrototype.of(ReturnKind.INTEGER, ArgKind.ANYTHING, ArgKind.ANYTHING),
                FuzzHelpers.class, method);
    }

    public static long mix(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return r1 * 31 + (r2 ^ r3) - (r4 >>> 3) + r5;
    }

    /** Writes the low byte of r2 at address r1 through the shared memory model. */
    public static long storeByte(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        Memory.store(inv, r1, 1, r2, -1);
        return 1;
    }

    public static long faultIfOdd(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        if ((r1 & 1) != 0) {
            throw new BpfFault(-1, "odd argument " + r1);
        }
        return r1 >> 1;
    }

    public static long throwIfSeven(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        if (r1 % 7 == 0) {
            throw new IllegalStateException("multiple of seven: " + r1);
        }
        return r1 % 7;
    }
}
