package org.binfmtbpf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark's setup and body run once, untimed, so a benchmark that cannot run (or whose
 * engines disagree on what it computes) fails here rather than in a half-hour JMH run.
 */
class BenchmarksRunTest {
    private static final List<String> PROGRAMS = List.of("qemu-table", "qemu-path", "phdr-walk");
    private static final List<String> HEADERS = List.of("aarch64", "s390x", "host");

    /** What the interpreter and the JIT return for each program and header are the same, and what the programs are written to return. */
    @Test
    void headerProgramsGiveTheSameAnswerOnBothEngines() {
        for (String program : PROGRAMS) {
            for (String header : HEADERS) {
                long interp = headerMatch(new HeaderMatchBenchmark(), program, "interp", header);
                long jit = headerMatch(new HeaderMatchBenchmark(), program, "jit", header);
                assertEquals(interp, jit, program + " on " + header);
                if (!program.equals("phdr-walk")) {
                    assertEquals(header.equals("host") ? 0 : 1, (int) jit, program + " claims the foreign headers only");
                }
            }
        }
    }

    @Test
    void theMixedProfileWarmsUpOnEveryHeaderThenRunsTheSame() {
        for (String header : HEADERS) {
            MixedProfileBenchmark mixed = new MixedProfileBenchmark();
            long before = headerMatch(mixed, "qemu-table", "jit", header);
            mixed.mixProfile();
            assertEquals(before, mixed.run(), header);
        }
    }

    @Test
    void fixedCostRunsTheEmptyProgramToZero() {
        for (String engine : List.of("interp", "jit")) {
            FixedCostBenchmark b = new FixedCostBenchmark();
            b.engine = engine;
            b.program = "empty";
            b.setUp();
            assertTrue(b.begin() != null);
            assertEquals(0, b.beginAndRun(), engine);
        }
    }

    /** The search loop's setup checks that aarch64 is claimed and the host's header is not; the B entries choose the M entries' interpreter and argv. */
    @Test
    void theSearchLoopResolvesAsTheMagicEntriesDo() throws Exception {
        for (String header : List.of("aarch64", "host")) {
            String expected = null;
            for (String handlers : List.of("magic", "jit", "table-jit")) {
                ResolutionBenchmark b = new ResolutionBenchmark();
                b.handlers = handlers;
                b.header = header;
                try {
                    b.setup();
                } catch (java.io.IOException noSharedData) {
                    org.junit.jupiter.api.Assumptions.abort("the search-loop benchmark: " + noSharedData.getMessage());
                }
                String outcome = b.resolve() instanceof org.binfmtbpf.binfmt.ExecOutcome.Resolved r
                        ? r.resolution().interpreter() + " " + r.resolution().argv() : "not claimed";
                if (expected == null) {
                    expected = outcome;
                }
                assertEquals(expected, outcome, handlers + " on " + header);
            }
        }
    }

    private static long headerMatch(HeaderMatchBenchmark b, String program, String engine, String header) {
        b.program = program;
        b.engine = engine;
        b.header = header;
        b.setUp();
        return b.run();
    }
}
