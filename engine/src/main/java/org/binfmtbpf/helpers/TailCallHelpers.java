package org.binfmtbpf.helpers;

import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.ProgArrayMap;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/** Helper 12: bpf_tail_call. */
public final class TailCallHelpers {
    private TailCallHelpers() {}

    public static final HelperPrototype TAIL_CALL = HelperPrototype.of(ReturnKind.VOID,
            ArgKind.PTR_TO_CTX, ArgKind.CONST_MAP_PTR, ArgKind.ANYTHING);

    /**
     * long bpf_tail_call(void *ctx, struct bpf_map *prog_array_map, u32 index). Decides whether
     * the tail call happens; the engine does the jump. In the kernel's order (the interpreter's
     * JMP_TAIL_CALL and the x86 JIT agree): an index at or past max_entries falls through; so
     * does a call when {@value Invocation#MAX_TAIL_CALLS} tail calls were already taken;
     * otherwise the count goes up <em>before</em> the slot is read, so a call into an empty
     * slot falls through but still counts. On success {@code inv.tailCallTarget} is the program.
     * Returns 0 either way (r0 is not readable after a tail call, RET_VOID).
     */
    public static long tailCall(Invocation inv, long ctx, long progArray, long index, long r4, long r5) {
        BpfMap map = HelperArgs.map(progArray, "tail_call");
        if (!(map instanceof ProgArrayMap programs)) {
            throw new BpfFault(-1, "tail_call: map '" + map.name() + "' is not a prog array");
        }
        long i = HelperArgs.u32(index);
        if (i >= programs.maxEntries() || inv.tailCalls >= Invocation.MAX_TAIL_CALLS) {
            return 0;
        }
        inv.tailCalls++;
        Program target = programs.get(i);
        if (target != null) {
            inv.tailCallTarget = target;
        }
        return 0;
    }
}
