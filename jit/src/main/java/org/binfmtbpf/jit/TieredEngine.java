package org.binfmtbpf.jit;

import java.util.function.Supplier;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.verifier.VerifierFacts;

/**
 * Interpreter first, JIT when it pays: runs a program on the interpreter and compiles it
 * according to a {@link Tiering} policy. The service-loaded instance (name {@code tiered})
 * takes its policy from the system property {@value Tiering#PROPERTY}.
 */
public final class TieredEngine implements Engine {
    private final Tiering tiering;
    private final Interpreter interpreter = new Interpreter();
    private final JitCompiler compiler;

    public TieredEngine() {
        this(Tiering.fromSystemProperty(), new JitCompiler(VerifiedAccessFacts::of));
    }

    public TieredEngine(Tiering tiering, JitCompiler compiler) {
        this.tiering = tiering;
        this.compiler = compiler;
    }

    @Override
    public String name() {
        return "tiered";
    }

    public Tiering tiering() {
        return tiering;
    }

    @Override
    public Executable prepare(Program program) {
        return prepare(program, () -> compiler.compile(program));
    }

    /** The JIT, when it runs, compiles with the facts given instead of verifying the program again. */
    @Override
    public Executable prepare(Program program, VerifierFacts proven) {
        return prepare(program, () -> compiler.compile(program, proven));
    }

    private Executable prepare(Program program, Supplier<JitExecutable> compile) {
        if (tiering instanceof Tiering.CompileAfter after) {
            return new TieredExecutable(interpreter.prepare(program), compile, after.runs());
        }
        return tiering instanceof Tiering.CompileAtLoad ? compile.get() : interpreter.prepare(program);
    }
}
