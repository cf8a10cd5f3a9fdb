package org.binfmtbpf.asm;

import java.math.BigInteger;

/**
 * A number as written in assembly: decimal or {@code 0x} hex, with an optional sign. Whether
 * it fits a field depends on how it was written: a decimal is a signed value; a hex literal
 * without a minus sign is a bit pattern of the field's width (so {@code 0xffffffff} is a
 * valid 32-bit immediate, -1), the convention of both the conformance suite and llvm.
 *
 * @param value    the value with its sign applied
 * @param hex      written in hex
 * @param negative written with a minus sign
 * @param column   1-based column of the first character, for error messages
 */
record Literal(BigInteger value, boolean hex, boolean negative, int column) {

    /** Does the literal fit a field of {@code bits} bits under the rule above? */
    boolean fits(int bits) {
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger maxSigned = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        BigInteger max = (hex && !negative) || bits == 64 ? maxUnsigned : maxSigned;
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** The low {@code bits} bits, sign-extended from bit bits-1 into a long. */
    long truncated(int bits) {
        long v = value.longValue();
        return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }
}
