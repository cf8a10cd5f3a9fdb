package org.binfmtbpf.helpers;

import org.binfmtbpf.run.Invocation;

/** Helper 5: bpf_ktime_get_ns. */
public final class TimeHelpers {
    private TimeHelpers() {}

    public static final HelperPrototype KTIME_GET_NS = HelperPrototype.of(ReturnKind.INTEGER);

    /**
     * u64 bpf_ktime_get_ns(void): CLOCK_MONOTONIC in nanoseconds. On Linux the JVM's nanoTime
     * reads the same clock, so values agree with the kernel's and with clock_gettime.
     */
    public static long ktimeGetNs(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return System.nanoTime();
    }
}
