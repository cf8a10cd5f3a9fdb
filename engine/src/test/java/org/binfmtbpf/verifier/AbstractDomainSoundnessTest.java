package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.binfmtbpf.isa.Jumps;
import org.binfmtbpf.isa.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The abstract domain is sound: whatever concrete values an abstract value stands for, the
 * concrete result of an operation is a member of the abstract result, and a branch side that
 * a concrete pair can take is never declared dead nor refined to exclude that pair.
 */
class AbstractDomainSoundnessTest {

    /** An abstract value with two of its members. */
    record Sample(ScalarBounds bounds, long x, long y) {
    }

    /** Values that make interesting bounds: small, near the 32- and 64-bit edges, or anything. */
    static Arbitrary<Long> interesting() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-300, 300),
                Arbitraries.longs().between(0, 0xffffffffL),
                Arbitraries.longs().between(0x7fffff00L, 0x80000100L),
                Arbitraries.longs().between(0xffffff00L, 0x100000100L),
                Arbitraries.longs().between(Long.MAX_VALUE - 300, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 300),
                Arbitraries.longs());
    }

    /** The smallest abstract value holding a and b (each view's range, the tnum union). */
    static ScalarBounds hull(long a, long b) {
        return ScalarBounds.constant(a).union(ScalarBounds.constant(b)).sync();
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Combinators.combine(interesting(), interesting(), Arbitraries.of(true, false))
                .as((a, b, pointish) -> new Sample(hull(a, b), a, b));
    }

    static boolean member(ScalarBounds s, long v) {
        return s.smin() <= v && v <= s.smax()
                && Long.compareUnsigned(s.umin(), v) <= 0 && Long.compareUnsigned(v, s.umax()) <= 0
                && s.s32min() <= (int) v && (int) v <= s.s32max()
                && s.u32min() <= (v & 0xffffffffL) && (v & 0xffffffffL) <= s.u32max()
                && s.var().contains(v);
    }

    @Property(tries = 2000)
    void hullHoldsItsMembers(@ForAll("samples") Sample s) {
        assertTrue(member(s.bounds(), s.x()) && member(s.bounds(), s.y()), s.bounds().toString());
    }

    static final List<Integer> OPS = List.of(Opcodes.ALU_ADD, Opcodes.ALU_SUB, Opcodes.ALU_MUL, Opcodes.ALU_DIV, Opcodes.ALU_OR,
            Opcodes.ALU_AND, Opcodes.ALU_LSH, Opcodes.ALU_RSH, Opcodes.ALU_NEG, Opcodes.ALU_MOD, Opcodes.ALU_XOR,
            Opcodes.ALU_MOV, Opcodes.ALU_ARSH);

    @Property(tries = 20000)
    void aluResultsContainEveryConcreteResult(@ForAll("samples") Sample dst, @ForAll("samples") Sample src,
                                              @ForAll("ops") int op, @ForAll boolean is64, @ForAll boolean constSrc,
                                              @ForAll boolean signed) {
        int opcode = op | (is64 ? Opcodes.CLASS_ALU64 : Opcodes.CLASS_ALU) | Opcodes.SRC_X;
        int off = signed && (op == Opcodes.ALU_DIV || op == Opcodes.ALU_MOD) ? 1 : 0;
        ScalarBounds srcBounds = constSrc ? ScalarBounds.constant(src.x()) : src.bounds();
        ScalarBounds r = ScalarAlu.apply(opcode, off, 0, dst.bounds(), srcBounds);
        for (long d : new long[] {dst.x(), dst.y()}) {
            for (long sv : constSrc ? new long[] {src.x()} : new long[] {src.x(), src.y()}) {
                long concrete = ConcreteAlu.eval(opcode, off, 0, d, sv);
                assertTrue(member(r, concrete), () -> String.format("%s: dst %s (%d) src %s (%d) -> %d not in %s",
                        Integer.toHexString(opcode), dst.bounds(), d, srcBounds, sv, concrete, r));
            }
        }
    }

    @Property(tries = 3000)
    void movsxAndByteSwapsContainTheirResults(@ForAll("samples") Sample src, @ForAll("widths") int bits, @ForAll boolean is64) {
        int movOpcode = (is64 ? Opcodes.CLASS_ALU64 : Opcodes.CLASS_ALU) | Opcodes.ALU_MOV | Opcodes.SRC_X;
        int width = bits == 16 ? 8 : bits == 32 ? 16 : is64 ? 32 : 8;
        ScalarBounds m = ScalarAlu.apply(movOpcode, width, 0, ScalarBounds.constant(0), src.bounds());
        for (int endOpcode : new int[] {Opcodes.CLASS_ALU | Opcodes.ALU_END, Opcodes.CLASS_ALU | Opcodes.ALU_END | Opcodes.SRC_X,
                Opcodes.CLASS_ALU64 | Opcodes.ALU_END}) {
            ScalarBounds e = ScalarAlu.apply(endOpcode, 0, bits, src.bounds(), ScalarBounds.constant(0));
            for (long v : new long[] {src.x(), src.y()}) {
                assertTrue(member(e, ConcreteAlu.eval(endOpcode, 0, bits, v, 0)), e + " " + v);
                assertTrue(member(m, ConcreteAlu.eval(movOpcode, width, 0, 0, v)), m + " " + v);
            }
        }
    }

    @Provide
    Arbitrary<Integer> ops() {
        return Arbitraries.of(OPS);
    }

    @Provide
    Arbitrary<Integer> widths() {
        return Arbitraries.of(16, 32, 64);
    }

    static final List<Integer> JUMPS = List.of(Opcodes.JMP_JEQ, Opcodes.JMP_JNE, Opcodes.JMP_JGT, Opcodes.JMP_JGE,
            Opcodes.JMP_JLT, Opcodes.JMP_JLE, Opcodes.JMP_JSGT, Opcodes.JMP_JSGE, Opcodes.JMP_JSLT, Opcodes.JMP_JSLE,
            Opcodes.JMP_JSET, BranchRefinement.JSET_NOT);

    @Provide
    Arbitrary<Integer> jumps() {
        return Arbitraries.of(JUMPS);
    }

    /** The concrete rule the engines run ({@code isa.Jumps}); JSET_NOT is JSET's fall-through side. */
    static boolean holds(int op, boolean is32, long a, long b) {
        if (op == BranchRefinement.JSET_NOT) {
            return !holds(Opcodes.JMP_JSET, is32, a, b);
        }
        return is32 ? Jumps.taken32(op, a, b) : Jumps.taken64(op, a, b);
    }

    @Property(tries = 20000)
    void branchesNeverLoseAConcretePair(@ForAll("samples") Sample a, @ForAll("samples") Sample b, @ForAll("jumps") int op,
                                        @ForAll boolean is32, @ForAll boolean constB) {
        ScalarBounds bb = constB ? ScalarBounds.constant(b.x()) : b.bounds();
        int taken = BranchRefinement.isTaken(a.bounds(), bb, op, is32);
        ScalarBounds[] refined = BranchRefinement.refineOrForget(a.bounds(), bb, op, is32);
        for (long x : new long[] {a.x(), a.y()}) {
            for (long y : constB ? new long[] {b.x()} : new long[] {b.x(), b.y()}) {
                boolean h = holds(op, is32, x, y);
                if (taken == 1) {
                    assertTrue(h, "declared always taken");
                }
                if (taken == 0) {
                    assertTrue(!h, "declared never taken");
                }
                if (h) {
                    assertNotNull(refined, "a possible side was declared dead");
                    assertTrue(member(refined[0], x), () -> refined[0] + " lost " + x);
                    assertTrue(member(refined[1], y), () -> refined[1] + " lost " + y);
                }
            }
        }
    }

    @Property(tries = 10000)
    void aComparisonOfARegisterWithItselfNeverLosesAValue(@ForAll("samples") Sample a, @ForAll("jumps") int op, @ForAll boolean is32) {
        ScalarBounds refined = BranchRefinement.refineSame(a.bounds(), op, is32);
        for (long x : new long[] {a.x(), a.y()}) {
            if (holds(op, is32, x, x)) {
                assertTrue(member(refined, x), () -> refined + " lost " + x);
            }
        }
    }

    @Property(tries = 5000)
    void tnumArithmeticIsSound(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
        Tnum ta = a.bounds().var(), tb = b.bounds().var();
        for (long x : new long[] {a.x(), a.y()}) {
            for (long y : new long[] {b.x(), b.y()}) {
                assertTrue(ta.add(tb).contains(x + y));
                assertTrue(ta.sub(tb).contains(x - y));
                assertTrue(ta.mul(tb).contains(x * y));
                assertTrue(ta.and(tb).contains(x & y));
                assertTrue(ta.or(tb).contains(x | y));
                assertTrue(ta.xor(tb).contains(x ^ y));
                assertTrue(ta.union(tb).contains(x) && ta.union(tb).contains(y));
            }
        }
    }

    @Test
    void tnumRangeAndPrintingFollowTheKernel() {
        assertEquals("(0x0; 0xff)", Tnum.range(0, 255).toString());
        assertEquals("(0x100; 0x3f)", Tnum.range(256, 300).toString());
        assertTrue(Tnum.range(0, -1L).isUnknown());
        assertTrue(Tnum.constant(16).isAligned(8));
        assertTrue(!new Tnum(0, 4).isAligned(8));
        assertNotEquals(Tnum.constant(1), Tnum.constant(2));
    }

    @Test
    void syncTightensEveryViewFromTheOthers() {
        ScalarBounds b = ScalarBounds.unsignedOfSize(1);
        assertEquals(0, b.smin());
        assertEquals(255, b.smax());
        assertEquals(255, b.u32max());
        assertEquals(Tnum.range(0, 255), b.var());
        ScalarBounds s = ScalarBounds.signedOfSize(1);
        assertEquals(-128, s.smin());
        assertEquals(127, s.s32max());
        assertEquals("scalar(smin=-128,smax=127,smin32=-128,smax32=127)", s.toString());
    }
}
