package org.binfmtbpf.verifier;

import java.util.Arrays;
import java.util.OptionalLong;
import org.binfmtbpf.program.Program;

/**
 * What the verifier proved, per instruction, for the engines (immutable): for each load and
 * store the region and offset range it touches ({@link ProvenAccess}); for each instruction
 * the registers whose value is the same constant on every path that reaches it, and those
 * whose sign bit is clear on every such path; each function's stack frame size. The JIT uses these to emit direct array accesses instead of
 * decoding addresses at run time; it never re-derives them.
 */
public final class VerifierFacts {
    private final Program program;
    private final ProvenAccess[] access;
    private final long[] constants;   // [pc * 11 + reg]
    private final short[] constMask;  // per pc: bit r set when constants[pc*11+r] is valid
    private final short[] nonNegative64; // per pc: bit r set when r, as an unsigned 64-bit value, is below 2^63
    private final short[] nonNegative32; // the same for r's low 32 bits and 2^31
    private final boolean[] reached;
    private final int[] frameSizes;
    private final boolean ownStackOnly;

    VerifierFacts(Program program, ProvenAccess[] access, long[] constants, short[] constMask, short[] nonNegative64,
                  short[] nonNegative32, boolean[] reached, int[] frameSizes, boolean ownStackOnly) {
        this.program = program;
        this.access = access;
        this.constants = constants;
        this.constMask = constMask;
        this.nonNegative64 = nonNegative64;
        this.nonNegative32 = nonNegative32;
        this.reached = reached;
        this.frameSizes = frameSizes;
        this.ownStackOnly = ownStackOnly;
    }

    /**
     * True when these are the facts of {@code p} itself: an engine that compiles with facts it
     * was handed checks this first, since another program's facts would be wrong for it.
     */
    public boolean areFactsOf(Program p) {
        return program == p;
    }

    /**
     * True when no run can observe a stack byte it did not write itself: every load, atomic and
     * helper argument that reads the stack was proven to read initialised bytes (the verifier
     * refuses the rest), no path makes a tail call (the target, verified on its own, may read
     * what the caller left in its frame) and no path calls a helper that reads through an
     * unchecked pointer (trace_printk's {@code %s}). Engines need not zero such a program's stack.
     */
    public boolean readsOnlyStackItWrites() {
        return ownStackOnly;
    }

    /** The proven access of the load or store at {@code pc}, or null if it is not one. */
    public ProvenAccess access(int pc) {
        return access[pc];
    }

    /** The constant register {@code reg} holds whenever instruction {@code pc} starts, if there is one. */
    public OptionalLong constantAtEntry(int pc, int reg) {
        return (constMask[pc] & (1 << reg)) != 0 ? OptionalLong.of(constants[pc * FrameState.REGS + reg]) : OptionalLong.empty();
    }

    /**
     * True when scalar register {@code reg}, whenever instruction {@code pc} starts, holds a
     * value whose sign bit is clear: all 64 bits read as unsigned are at most 2^63 - 1, or with
     * {@code low32} its low 32 bits are at most 2^31 - 1. An unsigned comparison of two such
     * values (or of one with a non-negative immediate) then agrees with the signed one, which
     * the JIT emits instead. Unreached instructions and pointers have no such fact.
     */
    public boolean nonNegativeAtEntry(int pc, int reg, boolean low32) {
        return (nonNegativeAtEntry(pc, low32) & (1 << reg)) != 0;
    }

    /** {@link #nonNegativeAtEntry(int, int, boolean)} for every register at once: bit r for register r. */
    public int nonNegativeAtEntry(int pc, boolean low32) {
        return (low32 ? nonNegative32 : nonNegative64)[pc];
    }

    /** True when some path executes instruction {@code pc}. */
    public boolean reached(int pc) {
        return reached[pc];
    }

    /**
     * Bytes of stack function {@code f} (index in {@code Program.functions()}) uses, rounded up
     * to 32 as the kernel does; 0 when it touches none.
     */
    public int frameSize(int f) {
        return frameSizes[f];
    }

    public int length() {
        return access.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int pc = 0; pc < access.length; pc++) {
            if (access[pc] != null) {
                sb.append(pc).append(": ").append(access[pc]).append('\n');
            }
        }
        return sb.append("frame sizes ").append(Arrays.toString(frameSizes)).toString();
    }
}
