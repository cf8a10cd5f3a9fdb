package org.binfmtbpf.bench;

import java.util.List;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link HeaderMatchBenchmark} after the program has first run on seven different headers.
 * In a fork that only ever sees one header, HotSpot compiles the program's class for that
 * header's path (branches never taken become traps); binfmt_misc sees every kind of file,
 * and so does a 'B' program's class. This is the figure for that mixed traffic: the same
 * runs, timed after a profile that covers the matching and the non-matching paths.
 */
public class MixedProfileBenchmark extends HeaderMatchBenchmark {
    private static final List<String> HEADERS = List.of("aarch64", "riscv64", "s390x", "mipsn32el", "x86_64", "host", "script");

    /** Runs every header 20,000 times (past C2's compile threshold) before JMH's own warm-up. */
    @Setup
    public void mixProfile() {
        List<byte[]> headers = HEADERS.stream().map(SampleHeaders::named).toList();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            for (byte[] h : headers) {
                sink += runOn(h);
            }
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
    }
}
