package org.binfmtbpf.verifier;

import static org.binfmtbpf.helpers.ArgKind.ANYTHING;
import static org.binfmtbpf.helpers.ArgKind.CONST_MAP_PTR;
import static org.binfmtbpf.helpers.ArgKind.CONST_SIZE;
import static org.binfmtbpf.helpers.ArgKind.PTR_TO_CTX;
import static org.binfmtbpf.helpers.ArgKind.PTR_TO_MAP_KEY;
import static org.binfmtbpf.helpers.ArgKind.PTR_TO_MAP_VALUE;
import static org.binfmtbpf.helpers.ArgKind.PTR_TO_MEM_READONLY;
import static org.binfmtbpf.helpers.ArgKind.PTR_TO_UNINIT_MEM;

import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.run.Invocation;

/**
 * Helpers with the kernel's prototypes for the verifier's tests (the verifier only reads
 * prototypes; these implementations are never run).
 */
public final class TestHelpers {
    private TestHelpers() {}

    public static long none(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return 0;
    }

    private static Helper h(int id, String name, HelperPrototype p) {
        return Helper.ofStatic(id, name, p, TestHelpers.class, "none");
    }

    public static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(h(1, "map_lookup_elem", HelperPrototype.of(ReturnKind.MAP_VALUE_OR_NULL, CONST_MAP_PTR, PTR_TO_MAP_KEY)))
            .add(h(2, "map_update_elem", HelperPrototype.of(ReturnKind.INTEGER, CONST_MAP_PTR, PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE, ANYTHING)))
            .add(h(3, "map_delete_elem", HelperPrototype.of(ReturnKind.INTEGER, CONST_MAP_PTR, PTR_TO_MAP_KEY)))
            .add(h(5, "ktime_get_ns", HelperPrototype.of(ReturnKind.INTEGER)))
            .add(h(6, "trace_printk", HelperPrototype.of(ReturnKind.INTEGER, PTR_TO_MEM_READONLY, CONST_SIZE, ANYTHING, ANYTHING, ANYTHING)))
            .add(h(7, "get_prandom_u32", HelperPrototype.of(ReturnKind.INTEGER)))
            .add(h(12, "tail_call", HelperPrototype.of(ReturnKind.VOID, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING)))
            .add(h(26, "skb_load_bytes", HelperPrototype.of(ReturnKind.INTEGER, PTR_TO_CTX, ANYTHING, PTR_TO_UNINIT_MEM, CONST_SIZE)))
            .add(h(212, "binprm_set_interp", HelperPrototype.of(ReturnKind.INTEGER, PTR_TO_MEM_READONLY, CONST_SIZE)))
            .build();
}
