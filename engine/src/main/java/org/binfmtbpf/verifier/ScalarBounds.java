package org.binfmtbpf.verifier;

/**
 * What the verifier knows about a scalar, as the kernel's {@code bpf_reg_state} tracks it: a
 * {@link Tnum} and signed and unsigned ranges of the full 64-bit value and of its low 32 bits.
 * Every member of the set lies in all of them at once. {@link #sync} lets each view tighten
 * the others (the kernel's reg_bounds_sync).
 *
 * <p>Unsigned 64-bit bounds are longs compared with {@link Long#compareUnsigned}; the u32
 * bounds are longs in [0, 2^32); the s32 bounds are ints.
 */
public record ScalarBounds(Tnum var, long smin, long smax, long umin, long umax,
                           int s32min, int s32max, long u32min, long u32max) {

    public static final long U32_MAX = 0xffffffffL;
    public static final ScalarBounds UNKNOWN = new ScalarBounds(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0, U32_MAX);

    public static ScalarBounds constant(long v) {
        return new ScalarBounds(Tnum.constant(v), v, v, v, v, (int) v, (int) v, v & U32_MAX, v & U32_MAX);
    }

    public static ScalarBounds unknown() {
        return UNKNOWN;
    }

    /** Any value of an unsigned load of {@code bytes} bytes: [0, 2^(8*bytes) - 1]. */
    public static ScalarBounds unsignedOfSize(int bytes) {
        if (bytes >= 8) {
            return UNKNOWN;
        }
        return fromTnum(Tnum.range(0, (1L << (bytes * 8)) - 1));
    }

    /** Any value of a sign-extending load of {@code bytes} bytes. */
    public static ScalarBounds signedOfSize(int bytes) {
        if (bytes >= 8) {
            return UNKNOWN;
        }
        long half = 1L << (bytes * 8 - 1);
        return UNKNOWN.withSigned(-half, half - 1).sync();
    }

    public static ScalarBounds fromTnum(Tnum t) {
        return new ScalarBounds(t, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, U32_MAX).sync();
    }

    /** Any value in the unsigned 64-bit range [min, max]. */
    public static ScalarBounds unsignedRange(long min, long max) {
        return UNKNOWN.withUnsigned(min, max).sync();
    }

    public boolean isConst() {
        return var.isConst();
    }

    public long constValue() {
        return var.value();
    }

    public boolean isConst32() {
        return var.subreg().isConst();
    }

    /** True when every value has its sign bit clear: at most 2^63 - 1 read as unsigned. */
    public boolean signBitClear() {
        return umax >= 0;
    }

    /** True when every value's low 32 bits have their sign bit clear: at most 2^31 - 1. */
    public boolean signBitClear32() {
        return u32max <= Integer.MAX_VALUE;
    }

    /** True when the value is exactly {@code v}. */
    public boolean is(long v) {
        return isConst() && var.value() == v;
    }

    public ScalarBounds withSigned(long min, long max) {
        return new ScalarBounds(var, min, max, umin, umax, s32min, s32max, u32min, u32max);
    }

    public ScalarBounds withUnsigned(long min, long max) {
        return new ScalarBounds(var, smin, smax, min, max, s32min, s32max, u32min, u32max);
    }

    public ScalarBounds withSigned32(int min, int max) {
        return new ScalarBounds(var, smin, smax, umin, umax, min, max, u32min, u32max);
    }

    public ScalarBounds withUnsigned32(long min, long max) {
        return new ScalarBounds(var, smin, smax, umin, umax, s32min, s32max, min, max);
    }

    public ScalarBounds withVar(Tnum t) {
        return new ScalarBounds(t, smin, smax, umin, umax, s32min, s32max, u32min, u32max);
    }

    /** The 64-bit register after a 32-bit operation left these 32-bit facts: zero-extended. */
    public ScalarBounds zeroExtend32() {
        Tnum low = var.subreg();
        return new ScalarBounds(low, u32min, u32max, u32min, u32max, s32min, s32max, u32min, u32max).sync();
    }

    /** Forgets the 32-bit bounds (they are re-derived from the tnum and 64-bit bounds by sync). */
    public ScalarBounds unbound32() {
        return new ScalarBounds(var, smin, smax, umin, umax, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, U32_MAX);
    }

    /** Forgets the 64-bit bounds. */
    public ScalarBounds unbound64() {
        return new ScalarBounds(var, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L, s32min, s32max, u32min, u32max);
    }

    /**
     * The tnum alone, every range open and not derived from it: what the kernel's
     * __mark_reg_unbounded leaves of a register whose bounds contradicted each other
     * (reg_bounds_sanity_check). Deliberately not synced; the next operation does that.
     */
    public ScalarBounds rangesForgotten() {
        return unbound32().unbound64();
    }

    /** Both sets of ranges at once (each bound the tighter one) on the intersection of the tnums; may be empty. */
    ScalarBounds intersectRanges(ScalarBounds o) {
        Tnum t = ((var.value() ^ o.var.value()) & ~var.mask() & ~o.var.mask()) != 0 ? var : var.intersect(o.var);
        return new ScalarBounds(t, Math.max(smin, o.smin), Math.min(smax, o.smax), umaxOf(umin, o.umin), uminOf(umax, o.umax),
                Math.max(s32min, o.s32min), Math.min(s32max, o.s32max), Math.max(u32min, o.u32min), Math.min(u32max, o.u32max));
    }

    /**
     * True when the facts contradict each other: no value satisfies them all. Branch refinement
     * produces this on a path that cannot be taken.
     */
    public boolean isEmpty() {
        return smin > smax || Long.compareUnsigned(umin, umax) > 0 || s32min > s32max || u32min > u32max
                || Long.compareUnsigned(var.umin(), umax) > 0
                || Long.compareUnsigned(var.umax(), umin) < 0;
    }

    /**
     * Every member of {@code other} is a member of this (range_within and tnum_in): a state
     * holding this value covers one holding {@code other}.
     */
    public boolean covers(ScalarBounds o) {
        return smin <= o.smin && smax >= o.smax
                && Long.compareUnsigned(umin, o.umin) <= 0 && Long.compareUnsigned(umax, o.umax) >= 0
                && s32min <= o.s32min && s32max >= o.s32max
                && u32min <= o.u32min && u32max >= o.u32max
                && var.contains(o.var);
    }

    /** The smallest bounds containing both (used where two facts about one instruction meet). */
    public ScalarBounds union(ScalarBounds o) {
        return new ScalarBounds(var.union(o.var), Math.min(smin, o.smin), Math.max(smax, o.smax),
                Long.compareUnsigned(umin, o.umin) <= 0 ? umin : o.umin, Long.compareUnsigned(umax, o.umax) >= 0 ? umax : o.umax,
                Math.min(s32min, o.s32min), Math.max(s32max, o.s32max), Math.min(u32min, o.u32min), Math.max(u32max, o.u32max));
    }

    /**
     * Lets the tnum, the 64-bit and the 32-bit ranges tighten each other until nothing changes
     * (two rounds suffice in practice; the kernel runs its deduction a fixed number of times too).
     */
    public ScalarBounds sync() {
        ScalarBounds s = this;
        for (int round = 0; round < 3; round++) {
            ScalarBounds next = s.syncOnce();
            if (next.equals(s)) {
                return next;
            }
            s = next;
        }
        return s;
    }

    private ScalarBounds syncOnce() {
        Tnum t = var;
        long sMin = smin, sMax = smax, uMin = umin, uMax = umax;
        int s32Min = s32min, s32Max = s32max;
        long u32Min = u32min, u32Max = u32max;

        // From the tnum: its known bits bound every view.
        Tnum t32 = t.subreg();
        s32Min = Math.max(s32Min, (int) (t32.value() | (t32.mask() & 0x80000000L)));
        s32Max = Math.min(s32Max, (int) (t32.value() | (t32.mask() & 0x7fffffffL)));
        u32Min = Math.max(u32Min, t32.value());
        u32Max = Math.min(u32Max, t32.value() | t32.mask());
        sMin = Math.max(sMin, t.value() | (t.mask() & Long.MIN_VALUE));
        sMax = Math.min(sMax, t.value() | (t.mask() & Long.MAX_VALUE));
        uMin = umaxOf(uMin, t.value());
        uMax = uminOf(uMax, t.value() | t.mask());

        // 32-bit: a signed range that does not cross zero is also an unsigned one, and back.
        if ((s32Min >= 0) == (s32Max >= 0)) {
            u32Min = Math.max(u32Min, s32Min & U32_MAX);
            u32Max = Math.min(u32Max, s32Max & U32_MAX);
        } else if (u32Max < (s32Min & U32_MAX)) {
            // A signed range across zero is two unsigned pieces, [0, smax] and [smin, max]; an
            // unsigned range that meets only one of them is within it (__reg32_deduce_bounds):
            // u32 in [2, 0xffffffff] with s32 in [min, 0] is s32 [min, -1], u32 [0x80000000, ...].
            s32Min = (int) u32Min;
            u32Max = Math.min(u32Max, s32Max & U32_MAX);
        } else if ((s32Max & U32_MAX) < u32Min) {
            s32Max = (int) u32Max;
            u32Min = Math.max(u32Min, s32Min & U32_MAX);
        }
        if ((int) u32Min <= (int) u32Max) {
            s32Min = Math.max(s32Min, (int) u32Min);
            s32Max = Math.min(s32Max, (int) u32Max);
        }
        // 64-bit, the same (__reg64_deduce_bounds).
        if ((sMin >= 0) == (sMax >= 0)) {
            uMin = umaxOf(uMin, sMin);
            uMax = uminOf(uMax, sMax);
        } else if (Long.compareUnsigned(uMax, sMin) < 0) {
            sMin = uMin;
            uMax = uminOf(uMax, sMax);
        } else if (Long.compareUnsigned(sMax, uMin) < 0) {
            sMax = uMax;
            uMin = umaxOf(uMin, sMin);
        }
        if (uMin <= uMax) { // signed order agrees with unsigned order: the range does not cross the sign bit
            sMin = Math.max(sMin, uMin);
            sMax = Math.min(sMax, uMax);
        }
        // 64 -> 32: when the upper halves of the bounds agree, the low halves bound the subregister.
        if ((uMin >>> 32) == (uMax >>> 32)) {
            u32Min = Math.max(u32Min, uMin & U32_MAX);
            u32Max = Math.min(u32Max, uMax & U32_MAX);
            if ((int) uMin <= (int) uMax) {
                s32Min = Math.max(s32Min, (int) uMin);
                s32Max = Math.min(s32Max, (int) uMax);
            }
        }
        if (sMin >= Integer.MIN_VALUE && sMax <= Integer.MAX_VALUE) { // the whole value fits in s32
            s32Min = Math.max(s32Min, (int) sMin);
            s32Max = Math.min(s32Max, (int) sMax);
        }
        if ((sMin >> 32) == (sMax >> 32)) {
            if ((sMin & U32_MAX) <= (sMax & U32_MAX)) {
                u32Min = Math.max(u32Min, sMin & U32_MAX);
                u32Max = Math.min(u32Max, sMax & U32_MAX);
            }
            if ((int) sMin <= (int) sMax) {
                s32Min = Math.max(s32Min, (int) sMin);
                s32Max = Math.min(s32Max, (int) sMax);
            }
        }
        // 32 -> 64: a value above umin either shares umin's upper half (then its low half is at
        // least u32min) or has a larger one; the same holds for the other three bounds.
        uMin = umaxOf(uMin, (uMin & ~U32_MAX) | u32Min);
        uMax = uminOf(uMax, (uMax & ~U32_MAX) | u32Max);
        sMin = Math.max(sMin, (sMin & ~U32_MAX) | u32Min);
        sMax = Math.min(sMax, (sMax & ~U32_MAX) | u32Max);
        // A value inside the s32 range is the sign extension of its low half; when that half
        // is non-negative, the value is the low half (the kernel's __reg_deduce_mixed_bounds):
        // after a sign-extending load, w0 == 0 means r0 == 0.
        if (s32Min >= 0 && sMin >= Integer.MIN_VALUE && sMax <= Integer.MAX_VALUE) {
            sMin = Math.max(sMin, s32Min);
            sMax = Math.min(sMax, s32Max);
            uMin = umaxOf(uMin, s32Min);
            uMax = uminOf(uMax, s32Max);
        }

        // Back into the tnum.
        if (Long.compareUnsigned(uMin, uMax) <= 0) {
            t = intersectConsistent(t, Tnum.range(uMin, uMax));
        }
        if (u32Min <= u32Max) {
            t = t.withSubreg(intersectConsistent(t.subreg(), Tnum.range(u32Min, u32Max)));
        }
        return new ScalarBounds(t, sMin, sMax, uMin, uMax, s32Min, s32Max, u32Min, u32Max);
    }

    /** Tnum intersection, leaving {@code a} alone when the two have no member in common. */
    private static Tnum intersectConsistent(Tnum a, Tnum b) {
        if (((a.value() ^ b.value()) & ~a.mask() & ~b.mask()) != 0) {
            return a; // contradictory: isEmpty() reports it through the ranges
        }
        return a.intersect(b);
    }

    static long umaxOf(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static long uminOf(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * The kernel's log notation: a constant prints as its signed value; otherwise
     * {@code scalar(smin=..,umax=..,var_off=(..))} with only the bounds that say something.
     */
    @Override
    public String toString() {
        if (isConst()) {
            return Long.toString(var.value());
        }
        StringBuilder sb = new StringBuilder("scalar(");
        String sep = "";
        if (smin != Long.MIN_VALUE) { sb.append(sep).append("smin=").append(smin); sep = ","; }
        if (smax != Long.MAX_VALUE) { sb.append(sep).append("smax=").append(smax); sep = ","; }
        if (umin != 0) { sb.append(sep).append("umin=").append(Long.toUnsignedString(umin)); sep = ","; }
        if (umax != -1L) { sb.append(sep).append("umax=").append(Long.toUnsignedString(umax)); sep = ","; }
        if (s32min != Integer.MIN_VALUE) { sb.append(sep).append("smin32=").append(s32min); sep = ","; }
        if (s32max != Integer.MAX_VALUE) { sb.append(sep).append("smax32=").append(s32max); sep = ","; }
        if (u32min != 0) { sb.append(sep).append("umin32=").append(u32min); sep = ","; }
        if (u32max != U32_MAX) { sb.append(sep).append("umax32=").append(u32max); sep = ","; }
        if (!var.isUnknown()) { sb.append(sep).append("var_off=").append(var); }
        return sb.append(')').toString();
    }
}
