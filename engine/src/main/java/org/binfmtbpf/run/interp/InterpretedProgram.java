package org.binfmtbpf.run.interp;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;

/** A program prepared for the interpreter: the program and its decoded {@link Code}. */
public final class InterpretedProgram implements Executable {
    private final Program program;
    private final Code code;

    public InterpretedProgram(Program program) {
        this.program = program;
        this.code = Code.of(program);
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public long run(Invocation inv) {
        return Machine.run(program, code, inv);
    }
}
