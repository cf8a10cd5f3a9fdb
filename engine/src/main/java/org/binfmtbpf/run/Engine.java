package org.binfmtbpf.run;

import org.binfmtbpf.program.Program;

/**
 * A way of running programs: the reference interpreter, or the JIT. Tests are parameterised
 * over engines, so a new engine joins every test at once.
 */
public interface Engine {
    /** Short name used in test names and on the command line: {@code interp}, {@code jit}. */
    String name();

    /** Prepares a loaded program to run (the JIT compiles here). Thread-safe; the result is shared. */
    Executable prepare(Program program);
}
