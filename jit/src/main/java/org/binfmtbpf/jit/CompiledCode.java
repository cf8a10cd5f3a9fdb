package org.binfmtbpf.jit;

import org.binfmtbpf.run.Invocation;

/** What each generated class implements: one run of its program from the entry state. */
interface CompiledCode {
    /** Runs the program on {@code inv} and returns r0; after a tail call, {@code inv.tailCallTarget} is set. */
    long run(Invocation inv);
}
