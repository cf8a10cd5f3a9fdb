package org.binfmtbpf.binfmt;

import org.binfmtbpf.run.BpfFault;

/**
 * Told when a 'B' program faults. A program the kernel's verifier accepted cannot fault, so
 * the kernel has no answer here; this model treats the fault as "no match" (the search goes
 * on to older entries, as for a return value other than 1) and reports it so it is not lost.
 */
@FunctionalInterface
public interface FaultListener {
    void programFaulted(BpfEntry entry, BpfFault fault);

    /** Logs each fault as a one-line warning. */
    FaultListener LOG = (entry, fault) -> System.getLogger("org.binfmtbpf.binfmt").log(System.Logger.Level.WARNING,
            "binfmt_misc: program of entry " + entry.name() + " (" + entry.programPath() + ") faulted, treated as no match: "
                    + fault.getMessage());
}
