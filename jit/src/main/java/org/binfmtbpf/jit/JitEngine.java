package org.binfmtbpf.jit;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.verifier.VerifierFacts;

/**
 * The JIT as an {@link Engine}: every program is compiled when prepared, using what the
 * verifier proved about its memory accesses (see {@link VerifiedAccessFacts}).
 */
public final class JitEngine implements Engine {
    private final JitCompiler compiler;

    public JitEngine() {
        this(new JitCompiler(VerifiedAccessFacts::of));
    }

    public JitEngine(JitCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Executable prepare(Program program) {
        return compiler.compile(program);
    }

    /** Compiles with the facts given instead of verifying the program again. */
    @Override
    public Executable prepare(Program program, VerifierFacts proven) {
        return compiler.compile(program, proven);
    }
}
