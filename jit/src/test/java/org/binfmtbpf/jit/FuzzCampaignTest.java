package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.binfmtbpf.fuzz.Campaign;
import org.binfmtbpf.fuzz.EngineOracle;
import org.binfmtbpf.fuzz.KernelOracle;
import org.binfmtbpf.fuzz.Oracle;
import org.binfmtbpf.fuzz.Outcome;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.run.Interpreter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A short fixed-seed fuzzing campaign (org.binfmtbpf.fuzz): the interpreter and the JIT agree
 * on every generated program, and the kernel agrees with them on every program it loads.
 * Reproduce or extend with {@code ./binfmt-bpf fuzz --seed 20261128 --count N}.
 */
class FuzzCampaignTest {
    private static final long SEED = 20261128L;
    private static final int CASES = Integer.getInteger("binfmtbpf.fuzz.cases", 6000);
    private static final Duration AT_MOST = Duration.ofSeconds(Long.getLong("binfmtbpf.fuzz.seconds", 30));

    @Test
    void interpreterAndJitAgree() {
        Campaign.Report report = campaign(() -> List.of(new EngineOracle(new Interpreter()), new EngineOracle(new JitEngine())));
        assertEquals(List.of(), report.disagreements());
        assertTrue(report.cases() > 100, "only " + report.cases() + " cases ran in " + AT_MOST);
        assertTrue(report.invalid() < report.cases() / 20, report.invalid() + " generated programs were invalid");
        long faults = report.outcomes().get("interp").getOrDefault(Outcome.Kind.FAULTED, 0L);
        assertTrue(faults > 0 && faults < report.cases(), "cases should both fault and return: " + report.outcomes());
    }

    @Test
    void kernelAgreesWithBothEnginesOnEveryProgramItLoads() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
        Campaign.Report report = campaign(() -> List.of(new EngineOracle(new Interpreter()), new EngineOracle(new JitEngine()),
                new KernelOracle()));
        assertEquals(List.of(), report.disagreements());
        long loaded = report.outcomes().get("kernel").getOrDefault(Outcome.Kind.RETURNED, 0L);
        assertTrue(loaded > report.cases() / 8, "the kernel loaded only " + loaded + " of " + report.cases() + " cases");
        System.out.printf("fuzz campaign: %d cases in %s, kernel %s, verifier agreement %.3f%n", report.cases(), report.elapsed(),
                report.outcomes().get("kernel"), report.verifier().rate());
    }

    /** One job per processor: the report does not depend on it (CampaignJobsTest), more cases fit in the time. */
    private static Campaign.Report campaign(Supplier<List<Oracle>> oracles) {
        return new Campaign(oracles, new Campaign.Settings(SEED, CASES, AT_MOST, null, 5), Runtime.getRuntime().availableProcessors())
                .run(p -> {});
    }
}
