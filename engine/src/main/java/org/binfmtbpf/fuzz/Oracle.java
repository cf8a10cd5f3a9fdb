package org.binfmtbpf.fuzz;

/** Something that runs a {@link FuzzCase} and says how it ended: an engine of ours, or the kernel. */
public interface Oracle {
    String name();

    /** Whether this oracle can judge the case at all (the kernel only runs KERNEL-profile programs). */
    boolean accepts(FuzzCase c);

    Outcome run(FuzzCase c);
}
