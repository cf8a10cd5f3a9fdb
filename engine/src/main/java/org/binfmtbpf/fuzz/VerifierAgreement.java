package org.binfmtbpf.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our verifier's decision against the kernel's load, over every KERNEL-profile program the
 * validator builds. Disagreements are grouped by the refusing side's reason with the digits
 * taken out ("R5 invalid mem access 'scalar'"), each with its count and first seed.
 */
public final class VerifierAgreement {
    /** One class of disagreement: how often, and the first case that showed it. */
    public record Example(long count, long seed, String message) {}

    private long bothAccept;
    private long bothRefuse;
    private final Map<String, Example> oursOnlyAccepts = new LinkedHashMap<>();
    private final Map<String, Example> kernelOnlyAccepts = new LinkedHashMap<>();

    void record(long seed, String ourRefusal, String kernelRefusal) {
        if (ourRefusal == null && kernelRefusal == null) {
            bothAccept++;
        } else if (ourRefusal != null && kernelRefusal != null) {
            bothRefuse++;
        } else if (ourRefusal == null) {
            add(oursOnlyAccepts, seed, kernelRefusal);
        } else {
            add(kernelOnlyAccepts, seed, ourRefusal);
        }
    }

    private static void add(Map<String, Example> classes, long seed, String message) {
        String key = message.replaceAll("^insn \\d+: |^instruction \\d+ \\([0-9a-f ]*\\): ", "").replaceAll("-?\\d+", "N");
        classes.merge(key, new Example(1, seed, message), (a, b) -> new Example(a.count() + 1, a.seed(), a.message()));
    }

    public long decisions() {
        return bothAccept + bothRefuse + count(oursOnlyAccepts) + count(kernelOnlyAccepts);
    }

    public long agreements() {
        return bothAccept + bothRefuse;
    }

    public long bothAccept() { return bothAccept; }

    public long bothRefuse() { return bothRefuse; }

    /** Ours accepts, the kernel refuses: keyed by the kernel's reason. */
    public Map<String, Example> oursOnlyAccepts() { return oursOnlyAccepts; }

    /** The kernel loads, ours refuses: keyed by our reason. */
    public Map<String, Example> kernelOnlyAccepts() { return kernelOnlyAccepts; }

    public double rate() {
        return decisions() == 0 ? Double.NaN : (double) agreements() / decisions();
    }

    private static long count(Map<String, Example> m) {
        return m.values().stream().mapToLong(Example::count).sum();
    }
}
