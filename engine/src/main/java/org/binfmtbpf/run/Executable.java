package org.binfmtbpf.run;

import org.binfmtbpf.program.Program;

/**
 * A program ready to run on one engine. One executable serves many threads at once; each
 * run brings its own {@link Invocation} (registers, stack, chosen interpreter).
 */
public interface Executable {
    Program program();

    /**
     * Runs the program on the context already bound to {@code inv} (see
     * {@link Invocation#begin}) and returns r0. Throws {@link BpfFault} when the program
     * faults.
     */
    long run(Invocation inv);

    /** Convenience for one-off runs: binds {@code context} to this thread's invocation and runs. */
    default long run(byte[] context) {
        Invocation inv = Invocation.current();
        inv.begin(program(), context);
        return run(inv);
    }
}
