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
            case Opcodes.JMP_JEQ -> equal(x, y, a, b, is32);
            case Opcodes.JMP_JNE -> flip(equal(x, y, a, b, is32));
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

    /**
     * Equality is ruled out by disjoint ranges or disagreeing known bits; a 64-bit comparison
     * also looks at the low halves' ranges, as the kernel's is_scalar_branch_taken does when the
     * 64-bit ranges are inconclusive (r1 in [-128, 127] with w1 s<= 0 is never 50).
     */
    private static int equal(View x, View y, ScalarBounds a, ScalarBounds b, boolean is32) {
        if (x.isConst() && y.isConst()) {
            return x.t.value() == y.t.value() ? 1 : 0;
        }
        if (disjoint(x, y) || !is32 && disjoint(View.of(a, true), View.of(b, true))) {
            return 0;
        }
        long knownBoth = ~x.t.mask() & ~y.t.mask();
        return ((x.t.value() ^ y.t.value()) & knownBoth) != 0 ? 0 : -1;
    }

    private static boolean disjoint(View x, View y) {
        return ucmp(x.umin, y.umax) > 0 || ucmp(y.umin, x.umax) > 0 || x.smin > y.smax || y.smin > x.smax;
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
     * What each side of an undecided branch gives its operands (reg_set_min_max): the refined
     * pair. The kernel (6.18) walks both sides of every branch that {@link #isTaken} leaves open,
     * even when a refinement contradicts itself; its reg_bounds_sanity_check then forgets that
     * register's ranges and keeps its tnum (__mark_reg_unbounded). So does this, so that the
     * instructions behind such a side are checked as the kernel checks them.
     */
    static ScalarBounds[] refineOrForget(ScalarBounds a, ScalarBounds b, int op, boolean is32) {
        ScalarBounds[] r = refine(a, b, op, is32);
        if (r == null) {
            return new ScalarBounds[] {a.rangesForgotten(), b.rangesForgotten()};
        }
        return new ScalarBounds[] {r[0].isEmpty() ? r[0].rangesForgotten() : r[0], r[1].isEmpty() ? r[1].rangesForgotten() : r[1]};
    }

    /**
     * {@code r OP r}: the kernel refines the one register twice in a row, as the first operand
     * and then as the second (regs_refine_cond_op on aliased registers), so it gets both
     * refinements at once: {@code r > r} makes its range {@code [min + 1, max - 1]}, which is
     * empty for a range of one or two values, and then forgotten as above.
     */
    static ScalarBounds refineSame(ScalarBounds a, int op, boolean is32) {
        ScalarBounds[] r = refine(a, a, op, is32);
        if (r == null) {
            return a.rangesForgotten();
        }
        ScalarBounds both = r[0].intersectRanges(r[1]).sync();
        return both.isEmpty() ? a.rangesForgotten() : both;
    }

    /**
     * What holds for both operands when condition {@code op} is true: the refined pair, or null
     * when the condition cannot hold; an operand may also come out empty.
     */
    private static ScalarBounds[] refine(ScalarBounds a, ScalarBounds b, int op, boolean is32) {
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
            // JSET is symmetric: the kernel swaps the operands so that the constant is the second
            // (regs_refine_cond_op), and learns about the other one whichever side it was on.
            case Opcodes.JMP_JSET -> {
                if (y.isConst()) {
                    nx = bitSet(x, y);
                } else if (x.isConst()) {
                    ny = bitSet(y, x);
                }
            }
            case JSET_NOT -> {
                if (y.isConst()) {
                    return new ScalarBounds[] {bitsClear(a, y.t.value(), is32), b};
                } else if (x.isConst()) {
                    return new ScalarBounds[] {a, bitsClear(b, x.t.value(), is32)};
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
        return new ScalarBounds[] {apply(a, nx, is32), apply(b, ny, is32)};
    }

    /** x & c != 0 with c a single bit: that bit is set. */
    private static View bitSet(View x, View c) {
        return Long.bitCount(c.t.value()) == 1 ? new View(x.smin, x.smax, x.umin, x.umax, x.t.or(c.t)) : x;
    }

    /**
     * x & c == 0: every bit of c is clear. The kernel (6.17 on) first forgets all of x's ranges,
     * 64- and 32-bit, and derives them again from the narrowed tnum alone (regs_refine_cond_op,
     * "forget ranges when refining tnum after JSET"), so this does too: r3 in s32 [-1, max]
     * with bit 1 clear is then in s32 [min, max - 2].
     */
    private static ScalarBounds bitsClear(ScalarBounds x, long c, boolean is32) {
        Tnum mask = Tnum.constant(~c);
        Tnum t = is32 ? x.var().withSubreg(x.var().subreg().and(mask)) : x.var().and(mask);
        return x.rangesForgotten().withVar(t).sync();
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

    /**
     * The refined operand; when its facts contradict each other the result is empty but still
     * carries the refined tnum, which is what the kernel keeps of such a side when it forgets
     * the ranges (JEQ's intersected tnum, for one).
     */
    private static ScalarBounds apply(ScalarBounds b, View v, boolean is32) {
        Tnum t = is32 ? b.var().withSubreg(v.t) : v.t;
        ScalarBounds empty = b.withVar(t).withSigned(1, 0);
        if (is32) {
            if (v.smin > v.smax || v.umin > v.umax) {
                return empty;
            }
            ScalarBounds r = b.withSigned32((int) v.smin, (int) v.smax).withUnsigned32(v.umin, v.umax).withVar(t).sync();
            return r.isEmpty() ? empty : r;
        }
        ScalarBounds r = b.withSigned(v.smin, v.smax).withUnsigned(v.umin, v.umax).withVar(t).sync();
        return r.isEmpty() ? empty : r;
    }
}
