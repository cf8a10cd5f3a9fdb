package org.binfmtbpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.binfmtbpf.elf.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELF target: reproducible per (seed, case), loads under a time limit, writes WRONG mutants as objects. */
class ElfTargetTest {
    @TempDir Path dir;

    private static ElfTarget target(Duration limit) {
        return new ElfTarget(List.of(new ElfTarget.Source("phdr_loop.bpf.o", Corpus.bytes("phdr_loop.bpf.o")),
                new ElfTarget.Source("tail_call.bpf.o", Corpus.bytes("tail_call.bpf.o"))), Corpus.helpers(), limit);
    }

    @Test
    void caseIOfSeedSIsCaseZeroOfSeedSPlusI() {
        ElfTarget t = target(Duration.ofSeconds(10));
        List<InputResult> run = t.run(40, 0, 30);
        InputResult alone = t.run(40 + 17, 0, 1).get(0);
        assertArrayEquals(run.get(17).input(), alone.input());
        assertEquals(run.get(17).how(), alone.how());
        assertEquals(run.get(17).origin(), alone.origin());
        assertTrue(run.stream().noneMatch(r -> r.verdict() == InputResult.Verdict.WRONG), run.toString());
        assertTrue(run.stream().map(InputResult::origin).distinct().count() == 2, "both objects are mutated");
    }

    /** A target whose "loader" hangs on every other case. */
    private static ElfTarget hangingEveryOtherCase() {
        int[] calls = {0};
        return new ElfTarget(List.of(new ElfTarget.Source("phdr_loop.bpf.o", Corpus.bytes("phdr_loop.bpf.o"))), (bytes, name) -> {
            if (calls[0]++ % 2 == 0) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ElfTarget.Judged(InputResult.Verdict.ACCEPTED, "loaded");
        }, Duration.ofMillis(100));
    }

    @Test
    void aLoadPastTheTimeLimitIsWrongAndTheNextCaseRunsOnAFreshThread() {
        List<InputResult> r = hangingEveryOtherCase().run(1, 0, 2);
        assertEquals(InputResult.Verdict.WRONG, r.get(0).verdict());
        assertEquals("still loading after 100 ms", r.get(0).detail());
        assertEquals(InputResult.Verdict.ACCEPTED, r.get(1).verdict());
    }

    @Test
    void aWrongMutantIsWrittenAsAnObject() throws Exception {
        InputResult r = hangingEveryOtherCase().run(1, 0, 1).get(0);
        Path file = target(Duration.ofSeconds(1)).writeRegression(dir, r);
        assertEquals("phdr_loop-1.o", file.getFileName().toString());
        assertArrayEquals(r.input(), Files.readAllBytes(file));
    }

    @Test
    void refusesObjectsTooShortToMutate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ElfTarget(List.of(new ElfTarget.Source("x.o", new byte[8])), Corpus.helpers(), Duration.ofSeconds(1)));
        assertEquals("x.o: 8 bytes is too short to be an ELF object to mutate", e.getMessage());
    }
}
