package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Jumps;
import org.binfmtbpf.isa.Opcodes;

/**
 * Conditional jumps on scalars (the kernel's is_branch_taken and reg_set_min_max): whether a
 * comparison's outcome is already decided, and what each side of the branch learns about the
 * two operands. The 32-bit forms (JMP32) compare and refine the low halves.
 */
final class BranchRefinement {
    /** The complement of JSET, for the fall-through side: no common bit. Not an opcode. */
    static final int JSET_NOT = 0x1000;

    private BranchRefinement() {}

    /** The condition that holds on the fall-through side of jump {@code op}. */
    static int negate(int op) {
        return switch (op) {
            case Opcodes.JMP_JSET -> JSET_NOT;
            case JSET_NOT -> Opcodes.JMP_JSET;
            default -> {
                int negated = Jumps.negated(op);
                if (negated < 0) {
                    throw new IllegalArgumentException("not a conditional jump: " + op);
                }
                yield negated;
            }
        };
    }

    /** One width's view of a scalar: its ranges and tnum at 32 or 64 bits. */
    private record View(long smin, long smax, long umin, long umax, Tnum t) {
        static View of(ScalarBounds b, boolean is32) {
            return is32 ? new View(b.s32min(), b.s32max(), b.u32min(), b.u32max(), b.var().subreg())
                    : new View(b.smin(), b.smax(), b.umin(), b.umax(), b.var());
        }

        boolean isConst() {
            return t.isConst();
        }
    }

    private static int ucmp(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** 1: the condition always holds, 0: never, -1: it depends. */
    static int isTaken(ScalarBounds a, ScalarBounds b, int op, boolean is32) {
        View x = View.of(a, is32);
        View y = View.of(b, is32);
        return switch (op) {
            case Opcodes.JMP_JEQ -> equal(x, y);
            case Opcodes.JMP_JNE -> flip(equal(x, y));
            case Opcodes.JMP_JSET -> jset(x, y);
            case JSET_NOT -> flip(jset(x, y));
            case Opcodes.JMP_JGT -> ucmp(x.umin, y.umax) > 0 ? 1 : ucmp(x.umax, y.umin) <= 0 ? 0 : -1;
            case Opcodes.JMP_JGE -> ucmp(x.umin, y.umax) >= 0 ? 1 : ucmp(x.umax, y.umin) < 0 ? 0 : -1;
            case Opcodes.JMP_JLT -> ucmp(x.umax, y.umin) < 0 ? 1 : ucmp(x.umin, y.umax) >= 0 ? 0 : -1;
            case Opcodes.JMP_JLE -> ucmp(x.umax, y.umin) <= 0 ? 1 : ucmp(x.umin, y.umax) > 0 ? 0 : -1;
            case Opcodes.JMP_JSGT -> x.smin > y.smax ? 1 : x.smax <= y.smin ? 0 : -1;
            case Opcodes.JMP_JSGE -> x.smin >= y.smax ? 1 : x.smax < y.smin ? 0 : -1;
            case Opcodes.JMP_JSLT -> x.smax < y.smin ? 1 : x.smin >= y.smax ? 0 : -1;
            case Opcodes.JMP_JSLE -> x.smax <= y.smin ? 1 : x.smin > y.smax ? 0 : -1;
            default -> -1;
        };
    }

    private static int flip(int r) {
        return r < 0 ? r : 1 - r;
    }

    private static int equal(View x, View y) {
        if (x.isConst() && y.isConst()) {
            return x.t.value() == y.t.value() ? 1 : 0;
        }
        if (ucmp(x.umin, y.umax) > 0 || ucmp(y.umin, x.umax) > 0 || x.smin > y.smax || y.smin > x.smax) {
            return 0;
        }
        long knownBoth = ~x.t.mask() & ~y.t.mask();
        return ((x.t.value() ^ y.t.value()) & knownBoth) != 0 ? 0 : -1;
    }

    /**
     * Decided only when one side is a constant, as the kernel's is_branch_taken does for JSET:
     * two registers whose known bits overlap still leave both sides open to the kernel.
     */
    private static int jset(View x, View y) {
        if (!x.isConst() && !y.isConst()) {
            return -1;
        }
        if ((x.t.value() & y.t.value()) != 0) {
            return 1;
        }
        return (x.t.umax() & y.t.umax()) == 0 ? 0 : -1;
    }

    /**
     * What holds for both operands when condition {@code op} is true: the refined pair, or null
     * when the condition cannot hold (that side of the branch is dead).
     */
    static ScalarBounds[] refine(ScalarBounds a, ScalarBounds b, int op, boolean is32) {
        View x = View.of(a, is32);
        View y = View.of(b, is32);
        long uMax = is32 ? ScalarBounds.U32_MAX : -1L;
        long sMin = is32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long sMax = is32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        View nx = x, ny = y;
        switch (op) {
            case Opcodes.JMP_JEQ -> {
                if (((x.t.value() ^ y.t.value()) & ~x.t.mask() & ~y.t.mask()) != 0) {
                    return null;
                }
                Tnum t = x.t.intersect(y.t);
                nx = new View(Math.max(x.smin, y.smin), Math.min(x.smax, y.smax),
                        ScalarBounds.umaxOf(x.umin, y.umin), ScalarBounds.uminOf(x.umax, y.umax), t);
                ny = nx;
            }
            case Opcodes.JMP_JNE -> {
                if (y.isConst()) {
                    nx = excludeEnds(x, y.t.value(), is32);
                } else if (x.isConst()) {
                    ny = excludeEnds(y, x.t.value(), is32);
                }
            }
            case Opcodes.JMP_JSET -> {
                if (y.isConst() && Long.bitCount(y.t.value()) == 1) {
                    nx = new View(x.smin, x.smax, x.umin, x.umax, x.t.or(y.t));
                }
            }
            case JSET_NOT -> {
                if (y.isConst()) {
                    nx = new View(x.smin, x.smax, x.umin, x.umax, x.t.and(Tnum.constant(~y.t.value())));
                }
            }
            case Opcodes.JMP_JGT, Opcodes.JMP_JGE, Opcodes.JMP_JLT, Opcodes.JMP_JLE -> {
                boolean swap = op == Opcodes.JMP_JLT || op == Opcodes.JMP_JLE;
                boolean strict = op == Opcodes.JMP_JGT || op == Opcodes.JMP_JLT;
                View big = swap ? y : x, small = swap ? x : y;
                // big > small (or >=): big is at least small's minimum (+1), small at most big's maximum (-1).
                if (strict && (small.umin == uMax || big.umax == 0)) {
                    return null;
                }
                long bigMin = ScalarBounds.umaxOf(big.umin, strict ? small.umin + 1 : small.umin);
                long smallMax = ScalarBounds.uminOf(small.umax, strict ? big.umax - 1 : big.umax);
                View nb = new View(big.smin, big.smax, bigMin, big.umax, big.t);
                View ns = new View(small.smin, small.smax, small.umin, smallMax, small.t);
                nx = swap ? ns : nb;
                ny = swap ? nb : ns;
            }
            case Opcodes.JMP_JSGT, Opcodes.JMP_JSGE, Opcodes.JMP_JSLT, Opcodes.JMP_JSLE -> {
                boolean swap = op == Opcodes.JMP_JSLT || op == Opcodes.JMP_JSLE;
                boolean strict = op == Opcodes.JMP_JSGT || op == Opcodes.JMP_JSLT;
                View big = swap ? y : x, small = swap ? x : y;
                if (strict && (small.smin == sMax || big.smax == sMin)) {
                    return null;
                }
                long bigMin = Math.max(big.smin, strict ? small.smin + 1 : small.smin);
                long smallMax = Math.min(small.smax, strict ? big.smax - 1 : big.smax);
                View nb = new View(bigMin, big.smax, big.umin, big.umax, big.t);
                View ns = new View(small.smin, smallMax, small.umin, small.umax, small.t);
                nx = swap ? ns : nb;
                ny = swap ? nb : ns;
            }
            default -> throw new IllegalArgumentException("not a conditional jump: " + op);
        }
        ScalarBounds ra = apply(a, nx, is32);
        ScalarBounds rb = apply(b, ny, is32);
        if (ra.isEmpty() || rb.isEmpty()) {
            return null;
        }
        return new ScalarBounds[] {ra, rb};
    }

    /** x != c: when c is an end of x's range, that end moves inwards by one. */
    private static View excludeEnds(View x, long c, boolean is32) {
        long umin = x.umin, umax = x.umax, smin = x.smin, smax = x.smax;
        long signed = is32 ? (int) c : c;
        if (umin == c) umin++;
        if (umax == c) umax--;
        if (smin == signed) smin++;
        if (smax == signed) smax--;
        return new View(smin, smax, umin, umax, x.t);
    }

    private static ScalarBounds apply(ScalarBounds b, View v, boolean is32) {
        if (is32) {
            if (v.smin > v.smax || v.umin > v.umax) {
                return b.withSigned32(1, 0); // empty
            }
            return b.withSigned32((int) v.smin, (int) v.smax).withUnsigned32(v.umin, v.umax)
                    .withVar(b.var().withSubreg(v.t)).sync();
        }
        return b.withSigned(v.smin, v.smax).withUnsigned(v.umin, v.umax).withVar(v.t).sync();
    }
}
