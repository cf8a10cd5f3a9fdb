package org.binfmtbpf.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our verifier's decision against the kernel's load, over every KERNEL-profile program the
 * validator builds. Disagreements are grouped by the refusing side's reason with the digits
 * taken out ("R5 invalid mem access 'scalar'"), each with its count and the seeds of its first
 * {@value #SEEDS_KEPT} cases, so that every difference a short campaign finds can be made again.
 */
public final class VerifierAgreement {
    /** Seeds kept per class. */
    public static final int SEEDS_KEPT = 20;

    /** One class of disagreement: how often, the first case's message, and the first cases' seeds. */
    public record Example(long count, String message, List<Long> seeds) {
        /** The first case that showed it. */
        public long seed() {
            return seeds.get(0);
        }
    }

    private long bothAccept;
    private long bothRefuse;
    private final Map<String, Example> oursOnlyAccepts = new LinkedHashMap<>();
    private final Map<String, Example> kernelOnlyAccepts = new LinkedHashMap<>();

    /** Counts one decision; true when the two differ. */
    boolean record(long seed, String ourRefusal, String kernelRefusal) {
        if (ourRefusal == null && kernelRefusal == null) {
            bothAccept++;
            return false;
        }
        if (ourRefusal != null && kernelRefusal != null) {
            bothRefuse++;
            return false;
        }
        if (ourRefusal == null) {
            add(oursOnlyAccepts, seed, kernelRefusal);
        } else {
            add(kernelOnlyAccepts, seed, ourRefusal);
        }
        return true;
    }

    private static void add(Map<String, Example> classes, long seed, String message) {
        String key = message.replaceAll("^insn \\d+: |^instruction \\d+ \\([0-9a-f ]*\\): ", "").replaceAll("-?\\d+", "N");
        classes.merge(key, new Example(1, message, List.of(seed)), (a, b) -> new Example(a.count() + 1, a.message(),
                a.seeds().size() < SEEDS_KEPT ? append(a.seeds(), seed) : a.seeds()));
    }

    private static List<Long> append(List<Long> seeds, long seed) {
        List<Long> out = new ArrayList<>(seeds);
        out.add(seed);
        return List.copyOf(out);
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
