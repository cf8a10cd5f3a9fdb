package org.binfmtbpf.fuzz;

import java.util.List;
import org.binfmtbpf.isa.InvalidProgramException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a case on every oracle and finds the first pair that disagrees. Our engines must agree
 * exactly (r0, fault message, stack, context, maps); the kernel, when it loads the program,
 * must see the reference engine return (never fault) the same low 32 bits of r0 and leave
 * the same maps. A kernel refusal is not a run-time disagreement: it is counted by the
 * campaign as a verifier decision.
 */
public final class Judge {
    private final List<Oracle> oracles;

    /** {@code oracles}: the reference engine (the interpreter) first. */
    public Judge(List<Oracle> oracles) {
        if (oracles.isEmpty() || oracles.get(0) instanceof KernelOracle) {
            throw new IllegalArgumentException("the first oracle must be one of our engines (the reference)");
        }
        this.oracles = List.copyOf(oracles);
    }

    public List<Oracle> oracles() {
        return oracles;
    }

    /** Every oracle's outcome, in oracle order (null for an oracle that does not take the case). */
    public Outcome[] run(FuzzCase c) {
        return run(c, built -> { });
    }

    /** As {@link #run(FuzzCase)}, first giving the built program to {@code before} (not called when the validator refuses it). */
    public Outcome[] run(FuzzCase c, Consumer<FuzzCase.Built> before) {
        Outcome[] out = new Outcome[oracles.size()];
        FuzzCase.Built built;
        try {
            built = c.build();
        } catch (InvalidProgramException e) {
            for (int i = 0; i < out.length; i++) {
                out[i] = oracles.get(i).accepts(c) ? Outcome.refused(e.getMessage()) : null;
            }
            return out;
        }
        try (built) {
            before.accept(built);
            for (int i = 0; i < out.length; i++) {
                if (oracles.get(i).accepts(c)) {
                    built.zeroMaps();
                    out[i] = oracles.get(i).run(c, built);
                }
            }
        }
        return out;
    }

    /** The first disagreement among {@code outcomes} (as {@link #run} gave them for {@code c}). */
    public Optional<Disagreement> judge(FuzzCase c, Outcome[] outcomes) {
        Outcome reference = outcomes[0];
        for (int i = 1; i < outcomes.length; i++) {
            Outcome other = outcomes[i];
            if (other == null) {
                continue;
            }
            boolean kernel = oracles.get(i) instanceof KernelOracle;
            boolean agree = kernel ? agreesWithKernel(reference, other) : sameEnd(reference, other);
            if (!agree) {
                String ref = oracles.get(0).name();
                String oth = oracles.get(i).name();
                return Optional.of(kernel ? new Disagreement(oth, ref, c, other, reference, c, null)
                        : new Disagreement(ref, oth, c, reference, other, c, null));
            }
        }
        return Optional.empty();
    }

    /** Runs and judges {@code c}; the minimiser's question. */
    public Optional<Disagreement> judge(FuzzCase c) {
        return judge(c, run(c));
    }

    private static boolean sameEnd(Outcome a, Outcome b) {
        return a.kind() == b.kind() && a.r0() == b.r0() && Objects.equals(a.detail(), b.detail())
                && Objects.equals(a.memory(), b.memory()) && a.maps().equals(b.maps());
    }

    private static boolean agreesWithKernel(Outcome engine, Outcome kernel) {
        if (kernel.kind() == Outcome.Kind.REFUSED) {
            return true;
        }
        return engine.kind() == Outcome.Kind.RETURNED && (engine.r0() & 0xffff_ffffL) == kernel.r0()
                && engine.maps().equals(kernel.maps());
    }
}
