package org.binfmtbpf.run;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.interp.Machine;

/**
 * The reference engine: executes a program's instructions one by one, exactly as RFC 9669
 * and the kernel define them. Nothing is prepared ahead of a run, so preparing is free and
 * the executable is the program itself; see {@link Machine} for the loop.
 */
public final class Interpreter implements Engine {
    @Override
    public String name() {
        return "interp";
    }

    @Override
    public Executable prepare(Program program) {
        return new Interpreted(program);
    }

    private record Interpreted(Program program) implements Executable {
        @Override
        public long run(Invocation inv) {
            return Machine.run(program, inv);
        }
    }
}
