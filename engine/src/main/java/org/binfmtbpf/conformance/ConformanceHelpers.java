package org.binfmtbpf.conformance;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.run.Invocation;

/**
 * The helpers the bpf_conformance suite expects: helper 5 returns its first argument
 * (call_unwind_fail.data, callx.data). In the kernel, id 5 is ktime_get_ns; the suite
 * reuses the id for a helper whose result it can predict.
 */
public final class ConformanceHelpers {
    public static final int RETURN_FIRST_ARGUMENT = 5;

    private static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(Helper.ofStatic(RETURN_FIRST_ARGUMENT, "return_first_argument",
                    HelperPrototype.of(ReturnKind.INTEGER, ArgKind.ANYTHING), ConformanceHelpers.class, "returnFirstArgument"))
            .build();

    private ConformanceHelpers() {}

    public static HelperRegistry registry() {
        return REGISTRY;
    }

    /** Helper 5 of the conformance suite. */
    public static long returnFirstArgument(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return r1;
    }
}
