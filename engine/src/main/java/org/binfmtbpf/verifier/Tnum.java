package org.binfmtbpf.verifier;

/**
 * A tristate number ("tnum", kernel/bpf/tnum.c): for each of the 64 bits, known 0, known 1 or
 * unknown. {@code mask} has a 1 for every unknown bit; {@code value} holds the known bits and
 * is 0 wherever {@code mask} is 1. The set it stands for is every {@code x} with
 * {@code (x & ~mask) == value}.
 *
 * <p>The transfer functions below are sound over-approximations: the result contains every
 * value the concrete operation can produce from members of the operands.
 */
public record Tnum(long value, long mask) {
    public static final Tnum UNKNOWN = new Tnum(0, -1L);
    public static final Tnum ZERO = new Tnum(0, 0);

    public Tnum {
        if ((value & mask) != 0) {
            throw new IllegalArgumentException("tnum with known and unknown bit: value=" + Long.toHexString(value)
                    + " mask=" + Long.toHexString(mask));
        }
    }

    public static Tnum constant(long v) {
        return new Tnum(v, 0);
    }

    /** The smallest tnum containing every value in the unsigned range [min, max]. */
    public static Tnum range(long min, long max) {
        long chi = min ^ max;
        int bits = 64 - Long.numberOfLeadingZeros(chi);
        if (bits > 63) {
            return UNKNOWN;
        }
        long delta = (1L << bits) - 1;
        return new Tnum(min & ~delta, delta);
    }

    public boolean isConst() {
        return mask == 0;
    }

    public boolean isUnknown() {
        return mask == -1L;
    }

    /** Smallest member as unsigned. */
    public long umin() {
        return value;
    }

    /** Largest member as unsigned. */
    public long umax() {
        return value | mask;
    }

    public Tnum add(Tnum b) {
        long sm = mask + b.mask;
        long sv = value + b.value;
        long sigma = sm + sv;
        long chi = sigma ^ sv;
        long mu = chi | mask | b.mask;
        return new Tnum(sv & ~mu, mu);
    }

    public Tnum sub(Tnum b) {
        long dv = value - b.value;
        long alpha = dv + mask;
        long beta = dv - b.mask;
        long chi = alpha ^ beta;
        long mu = chi | mask | b.mask;
        return new Tnum(dv & ~mu, mu);
    }

    public Tnum and(Tnum b) {
        long alpha = value | mask;
        long beta = b.value | b.mask;
        long v = value & b.value;
        return new Tnum(v, alpha & beta & ~v);
    }

    public Tnum or(Tnum b) {
        long v = value | b.value;
        long mu = mask | b.mask;
        return new Tnum(v, mu & ~v);
    }

    public Tnum xor(Tnum b) {
        long v = value ^ b.value;
        long mu = mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** Long multiplication bit by bit: each set or unknown bit of this adds a shifted copy of b. */
    public Tnum mul(Tnum b) {
        Tnum a = this;
        long accValue = value * b.value;
        Tnum accMask = ZERO;
        while (a.value != 0 || a.mask != 0) {
            if ((a.value & 1) != 0) {
                accMask = accMask.add(new Tnum(0, b.mask));
            } else if ((a.mask & 1) != 0) {
                accMask = accMask.add(new Tnum(0, b.value | b.mask));
            }
            a = a.rshift(1);
            b = b.lshift(1);
        }
        return new Tnum(accValue, 0).add(accMask);
    }

    public Tnum lshift(int shift) {
        return new Tnum(value << shift, mask << shift);
    }

    public Tnum rshift(int shift) {
        return new Tnum(value >>> shift, mask >>> shift);
    }

    /** Arithmetic right shift of the 64-bit value, or of the low 32 bits (result zero-extended). */
    public Tnum arshift(int shift, boolean is32) {
        if (is32) {
            return new Tnum(((int) value >> shift) & 0xffffffffL, ((int) mask >> shift) & 0xffffffffL);
        }
        return new Tnum(value >> shift, mask >> shift);
    }

    /** Values in both: known bits of either. Only meaningful when the two can share a member. */
    public Tnum intersect(Tnum b) {
        long v = value | b.value;
        long mu = mask & b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** Values in either. */
    public Tnum union(Tnum b) {
        long v = value & b.value;
        long mu = (value ^ b.value) | mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** Truncates to the low {@code bytes} bytes (zero-extended). */
    public Tnum cast(int bytes) {
        if (bytes >= 8) {
            return this;
        }
        long keep = (1L << (bytes * 8)) - 1;
        return new Tnum(value & keep, mask & keep);
    }

    /** The low {@code bytes} bytes in reverse order, zero-extended (the kernel's tnum_bswap16/32/64): each bit keeps its known-ness. */
    public Tnum byteSwap(int bytes) {
        int unused = 64 - bytes * 8;
        Tnum low = cast(bytes);
        return new Tnum(Long.reverseBytes(low.value) >>> unused, Long.reverseBytes(low.mask) >>> unused);
    }

    /** The low 32 bits, zero-extended. */
    public Tnum subreg() {
        return cast(4);
    }

    /** The high 32 bits of this with the low 32 bits cleared. */
    public Tnum clearSubreg() {
        return new Tnum(value & 0xffffffff00000000L, mask & 0xffffffff00000000L);
    }

    /** This tnum's high half with {@code low}'s low 32 bits. */
    public Tnum withSubreg(Tnum low) {
        return clearSubreg().or(low.subreg());
    }

    /** True when every member of {@code b} is a member of this. */
    public boolean contains(Tnum b) {
        if ((b.mask & ~mask) != 0) {
            return false;
        }
        return value == (b.value & ~mask);
    }

    public boolean contains(long v) {
        return (v & ~mask) == value;
    }

    /** True when every member is a multiple of {@code size} (a power of two). */
    public boolean isAligned(long size) {
        if (size == 0) {
            return true;
        }
        return ((value | mask) & (size - 1)) == 0;
    }

    /** The kernel's notation: {@code (0x0; 0xff)}. */
    @Override
    public String toString() {
        return "(0x" + Long.toHexString(value) + "; 0x" + Long.toHexString(mask) + ")";
    }
}
