package org.binfmtbpf.verifier;

import java.util.Arrays;
import org.binfmtbpf.program.Program;

/** Collects {@link VerifierFacts} while paths are explored, joining what each path proves. */
final class FactsRecorder {
    private final Program program;
    private final ProvenAccess[] access;
    private final long[] constants;
    private final short[] constMask;
    /** Per pc, bit r: r's 64 bits (low 32 bits) read as unsigned are below 2^63 (2^31) on every path so far. */
    private final short[] nonNegative64;
    private final short[] nonNegative32;
    private final boolean[] reached;
    private boolean ownStackOnly = true;

    FactsRecorder(Program program) {
        this.program = program;
        int length = program.length();
        access = new ProvenAccess[length];
        constants = new long[length * FrameState.REGS];
        constMask = new short[length];
        nonNegative64 = new short[length];
        nonNegative32 = new short[length];
        reached = new boolean[length];
    }

    /** A path arrives at {@code pc} with these registers. */
    void enter(int pc, FrameState frame) {
        short known = 0;
        short wide = 0;
        short narrow = 0;
        int base = pc * FrameState.REGS;
        for (int r = 0; r < FrameState.REGS; r++) {
            if (frame.reg(r) instanceof RegisterState.Scalar s) {
                ScalarBounds b = s.bounds();
                if (b.isConst()) {
                    long v = b.constValue();
                    if (!reached[pc] || ((constMask[pc] & (1 << r)) != 0 && constants[base + r] == v)) {
                        known |= (short) (1 << r);
                        constants[base + r] = v;
                    }
                }
                if (b.signBitClear()) {
                    wide |= (short) (1 << r);
                }
                if (b.signBitClear32()) {
                    narrow |= (short) (1 << r);
                }
            }
        }
        constMask[pc] = join(pc, constMask, known);
        nonNegative64[pc] = join(pc, nonNegative64, wide);
        nonNegative32[pc] = join(pc, nonNegative32, narrow);
        reached[pc] = true;
    }

    /** What holds at {@code pc}: on the first path what it proves, afterwards only what every path proves. */
    private short join(int pc, short[] masks, short path) {
        return reached[pc] ? (short) (masks[pc] & path) : path;
    }

    void access(int pc, ProvenAccess a) {
        access[pc] = access[pc] == null ? a : access[pc].join(a);
    }

    /** A path makes a tail call or calls a helper that reads unchecked memory (see {@link VerifierFacts#readsOnlyStackItWrites}). */
    void stackMaySeeEarlierRuns() {
        ownStackOnly = false;
    }

    VerifierFacts freeze(int[] frameSizes) {
        return new VerifierFacts(program, access.clone(), constants.clone(), constMask.clone(), nonNegative64.clone(),
                nonNegative32.clone(), reached.clone(),
                Arrays.copyOf(frameSizes, frameSizes.length), ownStackOnly);
    }
}
