package org.binfmtbpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An input campaign runs its target batch by batch up to the count, counts verdicts, writes a
 * regression file per WRONG case and stops at the disagreement limit; each WRONG case has a
 * one-line reproducer naming the seed that makes it alone.
 */
class InputCampaignTest {
    /** Case i is WRONG when i % 7 == 3, REFUSED when odd, else ACCEPTED; batches of 5. */
    static final class Sevens implements InputTarget {
        final List<Long> firsts = new ArrayList<>();
        final List<Long> written = new ArrayList<>();

        @Override public String name() { return "sevens"; }
        @Override public String oracle() { return "arithmetic"; }
        @Override public int batchSize() { return 5; }

        @Override
        public List<InputResult> run(long seed, long first, int count) {
            firsts.add(first);
            List<InputResult> out = new ArrayList<>();
            for (long i = first; i < first + count; i++) {
                InputResult.Verdict v = i % 7 == 3 ? InputResult.Verdict.WRONG
                        : i % 2 == 1 ? InputResult.Verdict.REFUSED : InputResult.Verdict.ACCEPTED;
                out.add(new InputResult(i, seed + i, "origin", "how", new byte[] {(byte) i}, v, "detail " + i, null));
            }
            return out;
        }

        @Override public String show(byte[] input) { return "byte " + input[0]; }

        @Override
        public Path writeRegression(Path dir, InputResult wrong) {
            written.add(wrong.index());
            return dir.resolve("case-" + wrong.index());
        }
    }

    @Test
    void countsVerdictsByBatchUpToTheCount() {
        Sevens target = new Sevens();
        InputCampaign.Report r = new InputCampaign(target, new Campaign.Settings(100, 12, null, null, 99)).run(p -> {});
        assertEquals(12, r.cases());
        assertEquals(List.of(0L, 5L, 10L), target.firsts, "batches of 5, the last one cut to the count");
        assertEquals(2, r.count(InputResult.Verdict.WRONG)); // cases 3 and 10
        assertEquals(5, r.count(InputResult.Verdict.REFUSED)); // 1, 5, 7, 9, 11
        assertEquals(5, r.count(InputResult.Verdict.ACCEPTED));
        assertEquals(List.of(), target.written, "no regression directory, no files");
        assertEquals("sevens case 3 (--seed 103 --count 1): origin, how: byte 3: detail 3", r.reproducer(r.wrong().get(0).result()));
    }

    @Test
    void writesRegressionFilesAndStopsAtTheDisagreementLimit() {
        Sevens target = new Sevens();
        InputCampaign.Report r = new InputCampaign(target, new Campaign.Settings(0, 0, Duration.ofMinutes(1), Path.of("/regress"), 3))
                .run(p -> {});
        assertEquals(List.of(3L, 10L, 17L), target.written);
        assertEquals(Path.of("/regress/case-17"), r.wrong().get(2).regressionFile());
        assertTrue(r.cases() == 20, "stops after the batch that found the third: " + r.cases());
    }
}
