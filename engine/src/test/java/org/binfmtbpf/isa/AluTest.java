package org.binfmtbpf.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The arithmetic corner cases of ebpf-semantics.md, one assertion per rule. */
class AluTest {

    @Test
    void unsignedDivisionByZeroIsZeroAndModuloKeepsTheDividend() {
        assertEquals(0, Alu.udiv64(42, 0));
        assertEquals(42, Alu.umod64(42, 0));
        assertEquals(0, Alu.udiv32(0xffff_ffff_0000_002aL, 0x1_0000_0000L)); // divisor's low 32 bits are zero
        assertEquals(0x2a, Alu.umod32(0xffff_ffff_0000_002aL, 0x1_0000_0000L)); // low half of dst, zero-extended
    }

    @Test
    void unsignedDivisionTreatsOperandsAsUnsigned() {
        assertEquals(0x7fff_ffff_ffff_ffffL, Alu.udiv64(-1L, 2));
        assertEquals(0x7fff_ffffL, Alu.udiv32(-1L, 2));
        assertEquals(1, Alu.umod64(-1L, 2));
    }

    @Test
    void signedDivisionTruncatesTowardZeroLikeC() {
        assertEquals(-4, Alu.sdiv64(-13, 3));
        assertEquals(-1, Alu.smod64(-13, 3));
        assertEquals(1, Alu.smod64(13, -3));
        assertEquals(0xffff_fffcL, Alu.sdiv32(-13, 3));
        assertEquals(0xffff_ffffL, Alu.smod32(-13, 3));
    }

    @Test
    void signedDivisionByZeroAndOverflow() {
        assertEquals(0, Alu.sdiv64(-7, 0));
        assertEquals(-7, Alu.smod64(-7, 0));
        assertEquals(Long.MIN_VALUE, Alu.sdiv64(Long.MIN_VALUE, -1));
        assertEquals(0, Alu.smod64(Long.MIN_VALUE, -1));
        assertEquals(0x8000_0000L, Alu.sdiv32(Integer.MIN_VALUE, -1));
        assertEquals(0, Alu.smod32(Integer.MIN_VALUE, -1));
        assertEquals(0xffff_fff9L, Alu.smod32(-7, 0));
    }

    @Test
    void thirtyTwoBitShiftsMaskTheCountAndZeroExtend() {
        assertEquals(0x8000_0000L, Alu.lsh32(1, 31));
        assertEquals(2, Alu.lsh32(1, 33));
        assertEquals(0xffff_ffffL, Alu.arsh32(0x8000_0000L, 31));
        assertEquals(1, Alu.rsh32(0x8000_0000L, 31));
    }

    @Test
    void movsxSignExtendsTheLowBits() {
        assertEquals(-128, Alu.movsx64(0x80, 8));
        assertEquals(-32768, Alu.movsx64(0x8000, 16));
        assertEquals(-1, Alu.movsx64(0xffff_ffffL, 32));
        assertEquals(0xffff_ff80L, Alu.movsx32(0x80, 8));
        assertEquals(0xffff_8000L, Alu.movsx32(0x8000, 16));
    }

    @Test
    void byteOrderTruncatesAndSwaps() {
        assertEquals(0x3412, Alu.swap(0x1234, 16));
        assertEquals(0x7856_3412L, Alu.swap(0xffff_ffff_1234_5678L, 32));
        assertEquals(0x0807_0605_0403_0201L, Alu.swap(0x0102_0304_0506_0708L, 64));
        assertEquals(0x5678, Alu.toLe(0x1234_5678, 16));
        assertEquals(0x1234_5678L, Alu.toLe(0xffff_ffff_1234_5678L, 32));
    }

    @Property(tries = 2000)
    void thirtyTwoBitResultsAreAlwaysZeroExtended(@ForAll long a, @ForAll long b) {
        for (long r : new long[] {Alu.udiv32(a, b), Alu.umod32(a, b), Alu.sdiv32(a, b), Alu.smod32(a, b),
                Alu.lsh32(a, b), Alu.rsh32(a, b), Alu.arsh32(a, b)}) {
            assertEquals(0, r >>> 32);
        }
    }

    @Property(tries = 2000)
    void signedRulesAgreeWithTruncatingDivision(@ForAll long a, @ForAll long b) {
        if (b != 0 && !(a == Long.MIN_VALUE && b == -1)) {
            assertEquals(a, Alu.sdiv64(a, b) * b + Alu.smod64(a, b));
        }
    }
}
