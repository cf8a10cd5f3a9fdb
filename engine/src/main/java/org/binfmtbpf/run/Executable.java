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

    /**
     * True when no run of this executable can observe a stack byte it did not write itself
     * (what {@code VerifierFacts.readsOnlyStackItWrites} proves: every stack read checked, no
     * tail calls, no helper reading through unchecked pointers).
     * {@link Invocation#begin(Executable, byte[])} then leaves the
     * stack as the previous run left it instead of zeroing it, as the kernel does. False by
     * default: the reference interpreter runs unverified programs too, and zeroes.
     */
    default boolean readsOnlyStackItWrites() {
        return false;
    }

    /** Convenience for one-off runs: binds {@code context} to this thread's invocation and runs. */
    default long run(byte[] context) {
        Invocation inv = Invocation.current();
        inv.begin(this, context);
        return run(inv);
    }
}
