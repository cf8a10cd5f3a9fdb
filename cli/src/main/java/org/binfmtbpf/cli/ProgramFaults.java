package org.binfmtbpf.cli;

import org.binfmtbpf.binfmt.FaultListener;

/** A 'B' program that faults during a search is treated as no match; the user still hears of it. */
final class ProgramFaults {
    private ProgramFaults() {}

    static final FaultListener WARN = (entry, fault) -> System.err.println("binfmt-bpf: warning: program of entry "
            + entry.name() + " (" + entry.programPath() + ") faulted, treated as no match: " + fault.getMessage());
}
