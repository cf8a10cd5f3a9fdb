package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.binfmtbpf.fuzz.Campaign;
import org.binfmtbpf.fuzz.EngineOracle;
import org.binfmtbpf.fuzz.KernelOracle;
import org.binfmtbpf.fuzz.Oracle;
import org.binfmtbpf.run.Interpreter;
import org.junit.jupiter.api.Test;

/**
 * Worker threads do not change what a count-limited campaign reports: the outcomes per oracle,
 * the verifier agreement (with its first seed per class) and the disagreements are those of
 * one job, because the report takes the cases in order.
 */
class CampaignJobsTest {
    private static final Supplier<List<Oracle>> ORACLES = () -> {
        List<Oracle> o = new ArrayList<>(List.of(new EngineOracle(new Interpreter()), new EngineOracle(new JitEngine())));
        if (KernelOracle.available()) {
            o.add(new KernelOracle());
        }
        return o;
    };

    private static String summary(int jobs) {
        Campaign.Report r = new Campaign(ORACLES, new Campaign.Settings(77, 400, null, null, 5), jobs).run(p -> {});
        return r.cases() + " cases, " + r.invalid() + " invalid, " + r.outcomes() + ", verifier " + r.verifier().bothAccept() + "/"
                + r.verifier().bothRefuse() + " " + r.verifier().oursOnlyAccepts() + " " + r.verifier().kernelOnlyAccepts() + ", "
                + r.disagreements();
    }

    @Test
    void threeJobsReportWhatOneJobReports() {
        String one = summary(1);
        assertEquals(one, summary(3));
        System.out.println("campaign of seed 77 (kernel " + (KernelOracle.available() ? "on" : "off: " + org.binfmtbpf.kernel.KernelBpf.unavailableReason()) + "): " + one);
    }
}
