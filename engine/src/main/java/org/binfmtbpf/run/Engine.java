package org.binfmtbpf.run;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.verifier.VerifierFacts;

/**
 * A way of running programs: the reference interpreter, or the JIT. Tests are parameterised
 * over engines, so a new engine joins every test at once.
 */
public interface Engine {
    /** Short name used in test names and on the command line: {@code interp}, {@code jit}. */
    String name();

    /** Prepares a loaded program to run (the JIT compiles here). Thread-safe; the result is shared. */
    Executable prepare(Program program);

    /**
     * Prepares a program its caller has just verified, given what the verifier proved about it
     * (facts of another program are refused with an IllegalArgumentException). An engine that
     * compiles with those facts (the JIT) then does not verify the program again; registering
     * a 'B' program verifies it once, as the kernel does at BPF_PROG_LOAD. Engines that have no
     * use for the facts prepare the program as {@link #prepare(Program)} does.
     */
    default Executable prepare(Program program, VerifierFacts proven) {
        return prepare(program);
    }
}
