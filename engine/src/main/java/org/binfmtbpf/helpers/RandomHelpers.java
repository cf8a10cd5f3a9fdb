package org.binfmtbpf.helpers;

import java.util.concurrent.ThreadLocalRandom;
import org.binfmtbpf.run.Invocation;

/** Helper 7: bpf_get_prandom_u32. */
public final class RandomHelpers {
    private RandomHelpers() {}

    public static final HelperPrototype GET_PRANDOM_U32 = HelperPrototype.of(ReturnKind.INTEGER);

    /** u32 bpf_get_prandom_u32(void): a per-thread pseudo-random u32 (the kernel's is per-CPU), zero-extended. */
    public static long getPrandomU32(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    }
}
