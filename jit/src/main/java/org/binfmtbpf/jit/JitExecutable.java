package org.binfmtbpf.jit;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;

/**
 * A program compiled to a hidden class. Runs allocate nothing: the registers are locals of
 * the generated methods and all per-run state is in the {@link Invocation}.
 *
 * <p>Tail calls: helper 12 stores the target in {@link Invocation#tailCallTarget}; the
 * compiled code then unwinds every frame and this loop runs the target on the same invocation
 * (stack, context and tail-call count carry over), so a chain of 33 tail calls uses constant
 * JVM stack.
 */
final class JitExecutable implements Executable {
    private final Program program;
    private final CompiledCode code;
    private final TailCallTargets targets;

    JitExecutable(Program program, CompiledCode code, TailCallTargets targets) {
        this.program = program;
        this.code = code;
        this.targets = targets;
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public long run(Invocation inv) {
        long r0 = code.run(inv);
        Object target = inv.tailCallTarget;
        while (target != null) {
            inv.tailCallTarget = null;
            r0 = targets.compiled(target).code.run(inv);
            target = inv.tailCallTarget;
        }
        return r0;
    }
}
