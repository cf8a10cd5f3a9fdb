package org.binfmtbpf.fuzz;

/** Something that runs a {@link FuzzCase} and says how it ended: an engine of ours, or the kernel. */
public interface Oracle {
    String name();

    /** Whether this oracle can judge the case at all (the kernel only runs KERNEL-profile programs). */
    boolean accepts(FuzzCase c);

    /**
     * Runs {@code built} (the case's program, shared by every oracle so that map addresses
     * are the same for all; the judge zeroes its maps first).
     */
    Outcome run(FuzzCase c, FuzzCase.Built built);
}
