package org.binfmtbpf.verifier;

/**
 * Interval arithmetic at one width (32 or 64 bits) for the ALU transfer functions: signed and
 * unsigned ranges of the operands in, the ranges of the result out, falling back to the whole
 * range of the width wherever the concrete operation could wrap. At width 32 signed values
 * are held sign-extended and unsigned values zero-extended in a long.
 */
record IntervalMath(long smin, long smax, long umin, long umax) {

    static IntervalMath of64(ScalarBounds b) {
        return new IntervalMath(b.smin(), b.smax(), b.umin(), b.umax());
    }

    static IntervalMath of32(ScalarBounds b) {
        return new IntervalMath(b.s32min(), b.s32max(), b.u32min(), b.u32max());
    }

    static long sMinOf(int width) { return width == 64 ? Long.MIN_VALUE : Integer.MIN_VALUE; }
    static long sMaxOf(int width) { return width == 64 ? Long.MAX_VALUE : Integer.MAX_VALUE; }
    static long uMaxOf(int width) { return width == 64 ? -1L : ScalarBounds.U32_MAX; }

    private static IntervalMath make(int width, long[] s, long[] u) {
        return new IntervalMath(s == null ? sMinOf(width) : s[0], s == null ? sMaxOf(width) : s[1],
                u == null ? 0 : u[0], u == null ? uMaxOf(width) : u[1]);
    }

    /** a + b with signed overflow at this width, or null. */
    private static Long addS(long a, long b, int width) {
        long r = a + b;
        if (width == 64) {
            return ((a ^ r) & (b ^ r)) < 0 ? null : r;
        }
        return r < Integer.MIN_VALUE || r > Integer.MAX_VALUE ? null : r;
    }

    private static Long subS(long a, long b, int width) {
        long r = a - b;
        if (width == 64) {
            return ((a ^ b) & (a ^ r)) < 0 ? null : r;
        }
        return r < Integer.MIN_VALUE || r > Integer.MAX_VALUE ? null : r;
    }

    private static Long addU(long a, long b, int width) {
        long r = a + b;
        if (width == 64) {
            return Long.compareUnsigned(r, a) < 0 ? null : r;
        }
        return r > ScalarBounds.U32_MAX ? null : r;
    }

    private static Long mulU(long a, long b, int width) {
        long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        long r = a * b;
        if (hi != 0) {
            return null;
        }
        return width == 32 && Long.compareUnsigned(r, ScalarBounds.U32_MAX) > 0 ? null : r;
    }

    private static Long mulS(long a, long b, int width) {
        long r = a * b;
        if (width == 64) {
            return Math.multiplyHigh(a, b) != (r >> 63) ? null : r;
        }
        return r < Integer.MIN_VALUE || r > Integer.MAX_VALUE ? null : r;
    }

    /**
     * Unsigned: when the smallest and the largest sum both wrap, every sum wraps exactly once
     * and the wrapped ends still bound it (the kernel's scalar_min_max_add since 6.17); only
     * when the largest wraps alone is nothing known.
     */
    IntervalMath add(IntervalMath b, int width) {
        Long s0 = addS(smin, b.smin, width), s1 = addS(smax, b.smax, width);
        Long u0 = addU(umin, b.umin, width), u1 = addU(umax, b.umax, width);
        long[] u = (u0 == null) == (u1 == null) ? new long[] {(umin + b.umin) & uMaxOf(width), (umax + b.umax) & uMaxOf(width)} : null;
        return make(width, s0 == null || s1 == null ? null : new long[] {s0, s1}, u);
    }

    /** Unsigned: as for add, every difference wraps or none does, else nothing is known (scalar_min_max_sub). */
    IntervalMath sub(IntervalMath b, int width) {
        Long s0 = subS(smin, b.smax, width), s1 = subS(smax, b.smin, width);
        boolean minWraps = Long.compareUnsigned(umin, b.umax) < 0, maxWraps = Long.compareUnsigned(umax, b.umin) < 0;
        long[] u = minWraps && !maxWraps ? null : new long[] {(umin - b.umax) & uMaxOf(width), (umax - b.umin) & uMaxOf(width)};
        return make(width, s0 == null || s1 == null ? null : new long[] {s0, s1}, u);
    }

    IntervalMath mul(IntervalMath b, int width) {
        Long u0 = mulU(umin, b.umin, width), u1 = mulU(umax, b.umax, width);
        long[] u = u0 == null || u1 == null ? null : new long[] {u0, u1};
        Long c0 = mulS(smin, b.smin, width), c1 = mulS(smin, b.smax, width);
        Long c2 = mulS(smax, b.smin, width), c3 = mulS(smax, b.smax, width);
        long[] s = null;
        if (c0 != null && c1 != null && c2 != null && c3 != null) {
            s = new long[] {Math.min(Math.min(c0, c1), Math.min(c2, c3)), Math.max(Math.max(c0, c1), Math.max(c2, c3))};
        }
        return make(width, s, u);
    }

    /** AND: the result's known-one bits bound it below, the smaller operand above. */
    IntervalMath and(IntervalMath b, Tnum result, int width) {
        long[] u = {result.umin(), ScalarBounds.uminOf(umax, b.umax)};
        return make(width, smin >= 0 && b.smin >= 0 ? u : null, u);
    }

    IntervalMath or(IntervalMath b, Tnum result, int width) {
        long[] u = {ScalarBounds.umaxOf(umin, b.umin), result.umax()};
        return make(width, smin >= 0 && b.smin >= 0 ? u : null, u);
    }

    IntervalMath xor(IntervalMath b, Tnum result, int width) {
        long[] u = {result.umin(), result.umax()};
        return make(width, smin >= 0 && b.smin >= 0 ? u : null, u);
    }

    /** Left shift by a constant k < width: exact unless bits fall off the top. */
    IntervalMath lsh(int k, int width) {
        long limit = uMaxOf(width) >>> k;
        long[] u = Long.compareUnsigned(umax, limit) > 0 ? null : new long[] {umin << k, umax << k};
        return make(width, null, u);
    }

    /** These ranges with the signed range replaced by {@code [smin, smax]}. */
    IntervalMath withSigned(long smin, long smax) {
        return new IntervalMath(smin, smax, umin, umax);
    }

    IntervalMath rsh(int k, int width) {
        return make(width, null, new long[] {umin >>> k, umax >>> k});
    }

    IntervalMath arsh(int k, int width) {
        return make(width, new long[] {smin >> k, smax >> k}, null);
    }
}
