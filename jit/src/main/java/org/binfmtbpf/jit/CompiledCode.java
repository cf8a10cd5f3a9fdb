package org.binfmtbpf.jit;

import org.binfmtbpf.run.Invocation;

/** What each generated class implements. */
interface CompiledCode {
    /** Runs the program from the kernel's entry state (r1 = context, r2 = its length, r10 = stack top) and returns r0. */
    long run(Invocation inv);

    /**
     * Enters the program's main function with the given registers at call depth {@code depth}:
     * how a tail call continues in the target, on the caller's registers and frame.
     */
    long enter(Invocation inv, long r0, long r1, long r2, long r3, long r4, long r5, long r6, long r7, long r8, long r9,
               long r10, int depth);
}
