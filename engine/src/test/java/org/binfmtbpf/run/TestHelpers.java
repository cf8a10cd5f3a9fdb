package org.binfmtbpf.run;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.program.Program;

/**
 * Helpers for InterpreterTest (public, as helpers must be): 12 takes a tail call to {@link #target} when r3 is 0; 20 reads 8 bytes at r1; 21 throws; 22 runs {@link #target}.
 */
public final class TestHelpers {
    private TestHelpers() {}

    static volatile Program target;

    public static long tailCall(Invocation inv, long ctx, long map, long index, long r4, long r5) {
        if (index == 0 && inv.tailCalls < Invocation.MAX_TAIL_CALLS) {
            inv.tailCalls++;
            inv.tailCallTarget = target;
            return 0;
        }
        return -1;
    }

    public static long read(Invocation inv, long address, long r2, long r3, long r4, long r5) {
        return Memory.load(inv, address, 8, -1);
    }

    public static long broken(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        throw new IllegalStateException("bug in a helper");
    }

    public static long runTarget(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        Invocation nested = new Invocation();
        nested.begin(target, new byte[4]);
        return InterpreterTest.ENGINE.prepare(target).run(nested);
    }

    static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(helper(12, "tailCall"))
            .add(helper(20, "read"))
            .add(helper(21, "broken"))
            .add(helper(22, "runTarget"))
            .build();

    private static Helper helper(int id, String method) {
        return Helper.ofStatic(id, method, HelperPrototype.of(ReturnKind.INTEGER, ArgKind.ANYTHING), TestHelpers.class, method);
    }
}
