package org.binfmtbpf.program;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Jumps;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.run.Invocation;

/**
 * The abstract registers r0-r9 of {@link StackUsage}: each is a scalar within a signed range
 * {@code [lo, hi]}, or a stack pointer r10 + offset with the offset in {@code [lo, hi]}
 * (clamped to +-512, where -512 and below means "anywhere"). r10 is the stack pointer with
 * offset 0. Every transfer rule over-approximates what the instruction can produce.
 */
final class RegisterRanges {
    private static final int REGS = 10;
    private static final long LIMIT = Invocation.STACK_SIZE;
    private static final long U32 = 0xffffffffL;

    private final boolean[] stack = new boolean[REGS];
    private final long[] lo = new long[REGS];
    private final long[] hi = new long[REGS];

    private RegisterRanges() {}

    /** At a function's entry every register is an unknown scalar (arguments point into the caller's frame). */
    static RegisterRanges entry() {
        RegisterRanges s = new RegisterRanges();
        for (int r = 0; r < REGS; r++) {
            s.setUnknown(r);
        }
        return s;
    }

    RegisterRanges copy() {
        RegisterRanges c = new RegisterRanges();
        System.arraycopy(stack, 0, c.stack, 0, REGS);
        System.arraycopy(lo, 0, c.lo, 0, REGS);
        System.arraycopy(hi, 0, c.hi, 0, REGS);
        return c;
    }

    boolean isStack(int reg) {
        return reg == 10 || stack[reg];
    }

    long lo(int reg) {
        return reg == 10 ? 0 : lo[reg];
    }

    long hi(int reg) {
        return reg == 10 ? 0 : hi[reg];
    }

    /** The register's value when it is a known scalar constant, else null. */
    Long constant(int reg) {
        return !isStack(reg) && lo[reg] == hi[reg] ? lo[reg] : null;
    }

    void setScalar(int reg, long min, long max) {
        if (reg < REGS) {
            stack[reg] = false;
            lo[reg] = min;
            hi[reg] = max;
        }
    }

    void setUnknown(int reg) {
        setScalar(reg, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private void setStack(int reg, long min, long max) {
        if (reg < REGS) {
            stack[reg] = true;
            lo[reg] = clamp(min);
            hi[reg] = clamp(max);
        }
    }

    /** A value loaded from memory: zero-extended from its width, or sign-extended (LDSX). */
    void loaded(int reg, int size, boolean signed) {
        if (size == 8) {
            setUnknown(reg);
        } else if (signed) {
            long half = 1L << (8 * size - 1);
            setScalar(reg, -half, half - 1);
        } else {
            setScalar(reg, 0, (1L << (8 * size)) - 1);
        }
    }

    void alu64(Instruction insn) {
        int dst = insn.dst();
        int op = Opcodes.aluOp(insn.opcode());
        boolean reg = Opcodes.source(insn.opcode()) == Opcodes.SRC_X;
        int src = insn.src();
        long kLo = reg ? lo(src) : insn.imm();
        long kHi = reg ? hi(src) : insn.imm();
        boolean srcStack = reg && isStack(src);
        if (op == Opcodes.ALU_MOV) {
            if (reg && insn.off() == 0) {
                copyFrom(dst, src);
            } else if (reg) {
                setUnknown(dst); // MOVSX
            } else {
                setScalar(dst, insn.imm(), insn.imm());
            }
            return;
        }
        if (isStack(dst) || srcStack) {
            pointerArithmetic(dst, op, reg, srcStack, kLo, kHi);
            return;
        }
        long a = lo[dst];
        long b = hi[dst];
        switch (op) {
            case Opcodes.ALU_ADD -> setScalar(dst, add(a, kLo), add(b, kHi), a, b, kLo, kHi);
            case Opcodes.ALU_SUB -> setScalar(dst, subtract(a, kHi), subtract(b, kLo), a, b, kLo, kHi);
            case Opcodes.ALU_AND -> and(dst, a, b, kLo, kHi);
            case Opcodes.ALU_MUL -> {
                boolean small = a >= 0 && kLo >= 0 && b <= Integer.MAX_VALUE && kHi <= Integer.MAX_VALUE;
                setScalarOrUnknown(dst, small, a * kLo, b * kHi);
            }
            case Opcodes.ALU_LSH -> {
                boolean known = !reg || kLo == kHi;
                int k = (int) (kLo & 63);
                setScalarOrUnknown(dst, known && k < 62 && a >= 0 && b < (1L << (62 - k)), a << k, b << k);
            }
            case Opcodes.ALU_RSH -> {
                int k = (int) (kLo & 63);
                if (reg && kLo != kHi) {
                    setScalarOrUnknown(dst, a >= 0, 0, b); // a non-negative value only shrinks
                } else if (k != 0) {
                    setScalar(dst, a >= 0 ? a >>> k : 0, a >= 0 ? b >>> k : -1L >>> k);
                }
            }
            case Opcodes.ALU_MOD -> {
                boolean unsignedByPositive = insn.off() == 0 && kLo > 0;
                setScalarOrUnknown(dst, unsignedByPositive, 0, kHi - 1);
            }
            default -> setUnknown(dst);
        }
    }

    void alu32(Instruction insn) {
        int dst = insn.dst();
        int op = Opcodes.aluOp(insn.opcode());
        boolean reg = Opcodes.source(insn.opcode()) == Opcodes.SRC_X;
        long imm = insn.imm() & U32;
        boolean dstIn32 = !isStack(dst) && lo[dst] >= 0 && hi[dst] <= U32;
        switch (op) {
            case Opcodes.ALU_MOV -> {
                if (!reg) {
                    setScalar(dst, imm, imm);
                } else if (insn.off() == 0 && !isStack(insn.src()) && lo(insn.src()) >= 0 && hi(insn.src()) <= U32) {
                    copyFrom(dst, insn.src());
                } else {
                    setScalar(dst, 0, U32);
                }
            }
            case Opcodes.ALU_AND -> setScalar(dst, 0, reg ? U32 : imm);
            case Opcodes.ALU_ADD -> {
                boolean fits = !reg && dstIn32 && hi[dst] + imm <= U32;
                setScalarOrRange32(dst, fits, lo[dst] + imm, hi[dst] + imm);
            }
            case Opcodes.ALU_RSH -> setScalar(dst, 0, reg ? U32 : U32 >>> (imm & 31));
            default -> setScalar(dst, 0, U32);
        }
    }

    /** ADD/SUB of a scalar to a stack pointer keeps a stack pointer; anything else loses track of it. */
    private void pointerArithmetic(int dst, int op, boolean reg, boolean srcStack, long kLo, long kHi) {
        boolean dstStack = isStack(dst);
        if (op == Opcodes.ALU_ADD && dstStack != srcStack) {
            long pLo = dstStack ? lo(dst) : kLo;
            long pHi = dstStack ? hi(dst) : kHi;
            long sLo = dstStack ? kLo : lo(dst);
            long sHi = dstStack ? kHi : hi(dst);
            setStack(dst, bounded(sLo) ? pLo + sLo : -LIMIT, bounded(sHi) ? pHi + sHi : LIMIT);
        } else if (op == Opcodes.ALU_SUB && dstStack && !srcStack) {
            setStack(dst, bounded(kHi) ? lo(dst) - kHi : -LIMIT, bounded(kLo) ? hi(dst) - kLo : LIMIT);
        } else if (op == Opcodes.ALU_SUB && dstStack) {
            setUnknown(dst); // the distance between two stack pointers
        } else if (dstStack) {
            setStack(dst, -LIMIT, LIMIT); // a stack pointer changed in a way this analysis does not follow
        } else {
            setUnknown(dst);
        }
    }

    private void and(int dst, long a, long b, long kLo, long kHi) {
        if (a >= 0 && kLo >= 0) {
            setScalar(dst, 0, Math.min(b, kHi));
        } else if (a >= 0) {
            setScalar(dst, 0, b);
        } else if (kLo >= 0) {
            setScalar(dst, 0, kHi);
        } else {
            setUnknown(dst);
        }
    }

    /**
     * Narrows {@code reg} to the values for which a JMP-class jump with operation {@code op}
     * against {@code k} is taken ({@code taken}) or not. Returns false when no value is left:
     * that edge cannot be followed.
     */
    boolean refine(int reg, int op, long k, boolean taken) {
        if (isStack(reg)) {
            return true;
        }
        int cond = taken ? op : Jumps.negated(op); // -1 for JSET: nothing to learn
        long min = lo[reg];
        long max = hi[reg];
        switch (cond) {
            case Opcodes.JMP_JEQ -> {
                min = Math.max(min, k);
                max = Math.min(max, k);
            }
            case Opcodes.JMP_JSGT -> min = Math.max(min, k == Long.MAX_VALUE ? k : k + 1);
            case Opcodes.JMP_JSGE -> min = Math.max(min, k);
            case Opcodes.JMP_JSLT -> max = Math.min(max, k == Long.MIN_VALUE ? k : k - 1);
            case Opcodes.JMP_JSLE -> max = Math.min(max, k);
            // Unsigned comparisons against a non-negative constant: "below" bounds the value on
            // both sides; "above" only helps when the value is known non-negative.
            case Opcodes.JMP_JLT, Opcodes.JMP_JLE -> {
                if (k < 0) {
                    return true;
                }
                long top = cond == Opcodes.JMP_JLT ? k - 1 : k;
                if (top < 0 || max < 0) {
                    return false; // nothing is below 0, and negative values are huge unsigned
                }
                min = Math.max(min, 0);
                max = Math.min(max, top);
            }
            case Opcodes.JMP_JGT, Opcodes.JMP_JGE -> {
                if (k < 0 || min < 0) {
                    return true;
                }
                min = Math.max(min, cond == Opcodes.JMP_JGT ? k + 1 : k);
            }
            default -> {
                return true; // JNE, JSET and their negations say little about a range
            }
        }
        if (min > max) {
            return false;
        }
        lo[reg] = min;
        hi[reg] = max;
        return true;
    }

    /**
     * Joins {@code other} into this state; returns whether this state grew. With
     * {@code widen}, a scalar bound that grows jumps to the next of {@code thresholds} (the
     * constants the function compares against, so a loop counter stops at its loop's bound)
     * or to its limit, and a pointer bound to its limit, so that loops reach a fixed point.
     * A register that is a scalar on one path and a stack pointer on the other is kept as
     * the stack pointer: the scalar path uses no stack through it.
     */
    boolean join(RegisterRanges other, boolean widen, long[] thresholds) {
        boolean changed = false;
        for (int r = 0; r < REGS; r++) {
            if (stack[r] != other.stack[r]) {
                if (!stack[r]) {
                    stack[r] = true;
                    lo[r] = other.lo[r];
                    hi[r] = other.hi[r];
                    changed = true;
                }
                continue;
            }
            if (other.lo[r] < lo[r]) {
                lo[r] = !widen ? other.lo[r] : stack[r] ? -LIMIT : below(other.lo[r], thresholds);
                changed = true;
            }
            if (other.hi[r] > hi[r]) {
                hi[r] = !widen ? other.hi[r] : stack[r] ? LIMIT : above(other.hi[r], thresholds);
                changed = true;
            }
        }
        return changed;
    }

    private static long below(long v, long[] sorted) {
        for (int i = sorted.length - 1; i >= 0; i--) {
            if (sorted[i] <= v) {
                return sorted[i];
            }
        }
        return Long.MIN_VALUE;
    }

    private static long above(long v, long[] sorted) {
        for (long t : sorted) {
            if (t >= v) {
                return t;
            }
        }
        return Long.MAX_VALUE;
    }

    private void copyFrom(int dst, int src) {
        if (isStack(src)) {
            setStack(dst, lo(src), hi(src));
        } else {
            setScalar(dst, lo[src], hi[src]);
        }
    }

    /** Sets a scalar range computed from operand ranges, or unknown if the computation overflowed. */
    private void setScalar(int dst, long min, long max, long a, long b, long c, long d) {
        boolean overflow = min == Long.MIN_VALUE || max == Long.MAX_VALUE
                || a == Long.MIN_VALUE || b == Long.MAX_VALUE || c == Long.MIN_VALUE || d == Long.MAX_VALUE;
        setScalarOrUnknown(dst, !overflow && min <= max, min, max);
    }

    private void setScalarOrUnknown(int dst, boolean known, long min, long max) {
        if (known) {
            setScalar(dst, min, max);
        } else {
            setUnknown(dst);
        }
    }

    private void setScalarOrRange32(int dst, boolean known, long min, long max) {
        setScalar(dst, known ? min : 0, known ? max : U32);
    }

    /** a + b, saturating at the ends of the long range (which then read as "unknown"). */
    private static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static long subtract(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static boolean bounded(long v) {
        return v > -LIMIT * 4 && v < LIMIT * 4;
    }

    private static long clamp(long v) {
        return Math.max(-LIMIT, Math.min(LIMIT, v));
    }
}
