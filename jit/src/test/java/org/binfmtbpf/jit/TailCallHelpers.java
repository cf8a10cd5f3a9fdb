package org.binfmtbpf.jit;

import java.util.List;
import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Invocation;

/**
 * A stand-in for bpf_tail_call (helper 12) over a fixed list of programs instead of a prog
 * array map: r3 is the index. Like the kernel's: an index out of range or the 34th tail call
 * fails and the caller continues.
 */
public final class TailCallHelpers {
    static volatile List<Program> targets = List.of();

    public static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(Helper.ofStatic(12, "tail_call", HelperPrototype.of(ReturnKind.INTEGER, ArgKind.PTR_TO_CTX, ArgKind.ANYTHING,
                    ArgKind.ANYTHING), TailCallHelpers.class, "tailCall"))
            .build();

    private TailCallHelpers() {}

    public static long tailCall(Invocation inv, long ctx, long map, long index, long r4, long r5) {
        List<Program> t = targets;
        if (index < 0 || index >= t.size() || inv.tailCalls >= Invocation.MAX_TAIL_CALLS) {
            return -2;
        }
        inv.tailCalls++;
        inv.tailCallTarget = t.get((int) index);
        return 0;
    }
}
