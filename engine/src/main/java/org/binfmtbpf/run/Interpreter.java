package org.binfmtbpf.run;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.interp.InterpretedProgram;
import org.binfmtbpf.run.interp.Machine;

/**
 * The reference engine: executes a program's instructions one by one, exactly as RFC 9669
 * and the kernel define them. Preparing only repacks the instructions into two flat arrays;
 * see {@link Machine} for the loop.
 */
public final class Interpreter implements Engine {
    @Override
    public String name() {
        return "interp";
    }

    @Override
    public Executable prepare(Program program) {
        return new InterpretedProgram(program);
    }
}
