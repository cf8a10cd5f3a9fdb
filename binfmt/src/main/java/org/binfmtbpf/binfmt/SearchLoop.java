package org.binfmtbpf.binfmt;

import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * search_binfmt_handler: walks a table newest first and returns the first enabled entry that
 * claims the binary. 'M' compares masked bytes of the header, 'E' the text after the last '.'
 * of the path, 'B' runs the program on the header: r0 == 1 (as the kernel's u32) selects,
 * anything else falls through. The interpreter a program chooses lives in this thread's
 * {@link Invocation}, so concurrent searches never see each other's choice.
 */
final class SearchLoop {
    private SearchLoop() {}

    /** The entry that claimed a binary, and the interpreter its program chose (null: none, or not a 'B' entry). */
    record Match(Entry entry, String chosenInterpreter) {}

    static Match search(Table table, ExecRequest request, FaultListener faults) {
        if (!table.enabled()) {
            return null;
        }
        byte[] header = request.headerView();
        Invocation inv = null; // bound on the first 'B' entry: the header and the path, for every program
        try {
            for (Registered registered : table.entries()) {
                if (!registered.enabled()) {
                    continue;
                }
                Entry entry = registered.entry();
                if (entry instanceof MagicEntry magic) {
                    if (magic.matches(header)) {
                        return new Match(entry, null);
                    }
                } else if (entry instanceof ExtensionEntry extension) {
                    if (extension.matches(request.path())) {
                        return new Match(entry, null);
                    }
                } else if (entry instanceof BpfEntry bpf) {
                    PinnedProgram program = bpf.program();
                    if (inv == null) {
                        inv = Invocation.current();
                        inv.begin(program.executable(), header);
                        inv.binaryPath(request.path());
                    } else {
                        inv.again(program.executable());
                    }
                    Match match = runProgram(inv, bpf, program, faults);
                    if (match != null) {
                        return match;
                    }
                }
            }
            return null;
        } finally {
            if (inv != null) {
                inv.binaryPath(null);
            }
        }
    }

    /** Runs one entry's program on the header and path already bound to {@code inv}. */
    private static Match runProgram(Invocation inv, BpfEntry entry, PinnedProgram program, FaultListener faults) {
        long r0;
        try {
            r0 = program.executable().run(inv);
        } catch (BpfFault fault) {
            faults.programFaulted(entry, fault);
            return null;
        }
        if ((int) r0 != 1) {
            return null;
        }
        return new Match(entry, inv.hasInterpreter() ? untilNul(inv.chosenInterpreter()) : null);
    }

    /** The kernel keeps the chosen bytes as a C string: an embedded NUL ends it. */
    private static String untilNul(String chosen) {
        int nul = chosen.indexOf('\0');
        return nul < 0 ? chosen : chosen.substring(0, nul);
    }
}
