package org.binfmtbpf.jit;

import java.util.function.Supplier;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;

/**
 * Interprets until the program has run {@code threshold} times, then compiles it once and
 * runs the compiled code from then on. The run counter is a plain field: under contention a
 * few increments may be lost, which only delays compilation by as many runs; compilation
 * itself happens once (double-checked on a volatile field).
 */
final class TieredExecutable implements Executable {
    private final Executable interpreted;
    /** Compiles the program; dropped once it has (it may hold the verifier's facts). */
    private Supplier<JitExecutable> compiler;
    private final int threshold;
    private volatile Executable compiled;
    private int runs;

    TieredExecutable(Executable interpreted, Supplier<JitExecutable> compiler, int threshold) {
        this.interpreted = interpreted;
        this.compiler = compiler;
        this.threshold = threshold;
    }

    @Override
    public Program program() {
        return interpreted.program();
    }

    @Override
    public long run(Invocation inv) {
        Executable c = compiled;
        if (c != null) {
            return c.run(inv);
        }
        if (++runs >= threshold) {
            return compile().run(inv);
        }
        return interpreted.run(inv);
    }

    /**
     * The compiled code's answer once there is compiled code (it never goes away, so a run
     * that begins without zeroing always runs compiled); until then the interpreter's, false.
     */
    @Override
    public boolean readsOnlyStackItWrites() {
        Executable c = compiled;
        return c != null && c.readsOnlyStackItWrites();
    }

    /** True once the program has been compiled. */
    boolean isCompiled() {
        return compiled != null;
    }

    private synchronized Executable compile() {
        if (compiled == null) {
            compiled = compiler.get();
            compiler = null;
        }
        return compiled;
    }
}
