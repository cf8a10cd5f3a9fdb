package org.binfmtbpf.verifier;

import java.util.Arrays;
import org.binfmtbpf.program.Program;

/** Collects {@link VerifierFacts} while paths are explored, joining what each path proves. */
final class FactsRecorder {
    private final Program program;
    private final ProvenAccess[] access;
    private final long[] constants;
    private final short[] constMask;
    private final boolean[] reached;
    private boolean ownStackOnly = true;

    FactsRecorder(Program program) {
        this.program = program;
        int length = program.length();
        access = new ProvenAccess[length];
        constants = new long[length * FrameState.REGS];
        constMask = new short[length];
        reached = new boolean[length];
    }

    /** A path arrives at {@code pc} with these registers. */
    void enter(int pc, FrameState frame) {
        short known = 0;
        int base = pc * FrameState.REGS;
        for (int r = 0; r < FrameState.REGS; r++) {
            if (frame.reg(r) instanceof RegisterState.Scalar s && s.bounds().isConst()) {
                long v = s.bounds().constValue();
                if (!reached[pc] || ((constMask[pc] & (1 << r)) != 0 && constants[base + r] == v)) {
                    known |= (short) (1 << r);
                    constants[base + r] = v;
                }
            }
        }
        constMask[pc] = reached[pc] ? (short) (constMask[pc] & known) : known;
        reached[pc] = true;
    }

    void access(int pc, ProvenAccess a) {
        access[pc] = access[pc] == null ? a : access[pc].join(a);
    }

    /** A path makes a tail call or calls a helper that reads unchecked memory (see {@link VerifierFacts#readsOnlyStackItWrites}). */
    void stackMaySeeEarlierRuns() {
        ownStackOnly = false;
    }

    VerifierFacts freeze(int[] frameSizes) {
        return new VerifierFacts(program, access.clone(), constants.clone(), constMask.clone(), reached.clone(),
                Arrays.copyOf(frameSizes, frameSizes.length), ownStackOnly);
    }
}
