package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import java.util.function.Supplier;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierFacts;

/**
 * Turns program sources into programs ready for 'B' entries: loads them against the helpers
 * their type may call (the standard set; BINFMT programs also get {@link BinfmtHelpers}),
 * verifies them as the kernel does before a program may be pinned, and prepares them with one
 * engine (the JIT when present), which compiles with what that one verification proved. A program the verifier refuses is a
 * {@link RegistrationException} with EACCES, bpf(BPF_PROG_LOAD)'s errno for it, naming the
 * instruction.
 */
public final class ProgramLoader {
    private final Supplier<Engine> engine;
    private final boolean verify;
    private volatile Engine resolvedEngine;

    /** A loader that verifies programs and prepares them with {@code engine}, chosen when the first program is compiled. */
    public ProgramLoader(Supplier<Engine> engine) {
        this(engine, true);
    }

    private ProgramLoader(Supplier<Engine> engine, boolean verify) {
        this.engine = engine;
        this.verify = verify;
    }

    /**
     * The same loader without the verifier (only the load-time validator runs): for programs
     * meant to be refused at run time, such as tests of what a fault does.
     */
    public ProgramLoader withoutVerifier() {
        return new ProgramLoader(engine, false);
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

    /** A loaded program and, when this loader verified it, what the verifier proved (null otherwise). */
    record Built(Program program, VerifierFacts proven) {}

    Built build(ProgramSource source) {
        Program program = source.load(helpersFor(source.type()));
        if (!verify) {
            return new Built(program, null);
        }
        try {
            return new Built(program, Verifier.verify(program).facts());
        } catch (VerificationException e) {
            throw new RegistrationException(Errno.EACCES, "program", source.name() + " refused by the verifier: "
                    + e.getMessage());
        }
    }

    /** Prepares a built program; the engine takes the verifier's facts when there are some instead of verifying again. */
    Executable prepare(Built built) {
        Engine e = resolvedEngine;
        if (e == null) {
            e = resolvedEngine = engine.get();
        }
        return built.proven() == null ? e.prepare(built.program()) : e.prepare(built.program(), built.proven());
    }

    /** The helpers a program of {@code type} may call. */
    public static HelperRegistry helpersFor(ProgramType type) {
        return type == ProgramType.BINFMT ? BinfmtHelpers.binfmtRegistry() : BinfmtHelpers.standardRegistry();
    }
}
