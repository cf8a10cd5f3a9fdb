package org.binfmtbpf.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;

/**
 * A program compiled to a hidden class. Runs allocate nothing: the registers are locals of
 * the generated methods and all per-run state is in the {@link Invocation}.
 *
 * <p>A run with an instruction budget ({@link Invocation#budget} not {@code UNLIMITED}) uses a
 * second class, compiled on first need, that counts every instruction like the interpreter
 * and faults at the same one. While it runs, {@code inv.budget} holds the instructions left;
 * the budget is restored when the run ends. Unbudgeted runs pay nothing for this. A tail call
 * from a BPF-to-BPF callee enters its target on a third (or, counted, fourth) class whose main
 * frame is not at the stack top ({@link Variant}).
 */
public final class JitExecutable implements Executable {
    private final Program program;
    private final CompiledCode code;
    private final AccessFacts facts;
    /** {@code facts.readsOnlyStackItWrites()}, a field: every run's {@code Invocation.begin} asks. */
    private final boolean ownStackOnly;
    private final JitCompiler compiler;
    /** The other variants by {@link Variant#index}, filled on first need; slot 0 stays empty ({@link #code}). */
    private final CompiledCode[] variants = new CompiledCode[4];
    private static final VarHandle VARIANTS = MethodHandles.arrayElementVarHandle(CompiledCode[].class);

    JitExecutable(Program program, CompiledCode code, AccessFacts facts, JitCompiler compiler) {
        this.program = program;
        this.code = code;
        this.facts = facts;
        this.ownStackOnly = facts.readsOnlyStackItWrites();
        this.compiler = compiler;
    }

    /** What the verifier proved ({@code VerifierFacts.readsOnlyStackItWrites}); false for a program it refused. */
    @Override
    public boolean readsOnlyStackItWrites() {
        return ownStackOnly;
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public long run(Invocation inv) {
        try {
            return inv.budget == Invocation.UNLIMITED ? code.run(inv) : countedRun(inv);
        } catch (BpfFault fault) {
            throw fault;
        } catch (RuntimeException e) {
            throw compiledCodeError(e);
        }
    }

    /** A run with a budget, on the counting class; {@code inv.budget} is restored afterwards. */
    private long countedRun(Invocation inv) {
        long budget = inv.budget;
        inv.budget = Math.max(budget, 0);
        try {
            return countedCode().run(inv);
        } catch (BudgetExhausted e) {
            throw new BpfFault(e.pc, "instruction budget of " + budget + " exhausted");
        } finally {
            inv.budget = budget;
        }
    }

    /**
     * Only a bug can get here: a direct access the verifier proved in bounds that was not (the
     * JVM's own array bounds check stops it), or a JVM exception the generated code let through.
     * Like the interpreter, report it as a fault of the program, never a JVM exception. The
     * instruction is unknown: the JVM leaves hidden classes' frames out of stack traces.
     */
    private BpfFault compiledCodeError(RuntimeException e) {
        return new BpfFault(-1, "compiled code error in " + program.name() + " (instruction unknown): " + e);
    }

    CompiledCode code() {
        return code;
    }

    CompiledCode countedCode() {
        return variant(Variant.of(true, true));
    }

    /** The class of {@code v}, compiled on its first use; {@link Variant#RUN} is {@link #code}. */
    CompiledCode variant(Variant v) {
        int i = v.index();
        if (i == 0) {
            return code;
        }
        CompiledCode c = (CompiledCode) VARIANTS.getAcquire(variants, i);
        if (c == null) {
            synchronized (this) {
                c = variants[i];
                if (c == null) {
                    c = compiler.define(program, facts, v);
                    VARIANTS.setRelease(variants, i, c);
                }
            }
        }
        return c;
    }
}
