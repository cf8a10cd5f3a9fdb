package org.binfmtbpf.binfmt;

import java.util.function.Supplier;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;

/**
 * Turns program sources into programs ready for 'B' entries: loads them against the helpers
 * their type may call (the standard set; BINFMT programs also get {@link BinfmtHelpers}),
 * validates them, and prepares them with one engine (the JIT when present).
 */
public final class ProgramLoader {
    private final Supplier<Engine> engine;
    private volatile Engine resolvedEngine;

    /** A loader that prepares programs with {@code engine}, chosen when the first program is compiled. */
    public ProgramLoader(Supplier<Engine> engine) {
        this.engine = engine;
    }

    /** The preferred engine ({@link Engines#preferred()}). */
    public static ProgramLoader withPreferredEngine() {
        return new ProgramLoader(Engines::preferred);
    }

    /** Wraps {@code source}; nothing is loaded until {@link PinnedProgram#program()}. */
    public PinnedProgram wrap(ProgramSource source) {
        return new PinnedProgram(ProgramIds.of(source), source, this);
    }

    /** Wraps and loads {@code source} now, so that a bad program is refused here. */
    public PinnedProgram load(ProgramSource source) {
        PinnedProgram loaded = wrap(source);
        loaded.program();
        return loaded;
    }

    Program build(ProgramSource source) {
        return source.load(helpersFor(source.type()));
    }

    Executable prepare(Program program) {
        Engine e = resolvedEngine;
        if (e == null) {
            e = resolvedEngine = engine.get();
        }
        return e.prepare(program);
    }

    /** The helpers a program of {@code type} may call. */
    public static HelperRegistry helpersFor(ProgramType type) {
        return type == ProgramType.BINFMT ? BinfmtHelpers.binfmtRegistry() : BinfmtHelpers.standardRegistry();
    }
}
