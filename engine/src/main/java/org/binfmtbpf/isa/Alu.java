package org.binfmtbpf.isa;

/**
 * The arithmetic rules of eBPF that differ from plain Java operators, one static method per
 * rule. The interpreter calls these directly and the JIT emits {@code invokestatic} to the
 * same methods, so the two engines cannot drift apart. HotSpot inlines them.
 *
 * <p>Conventions: 64-bit operations take and return the full register. 32-bit operations
 * take the full registers, use their low 32 bits, and return the result zero-extended to
 * 64 bits, which is what an ALU32 instruction leaves in its destination (RFC 9669 4.1).
 */
public final class Alu {
    private Alu() {}

    /** Zero-extends the low 32 bits: the register value after any ALU32 instruction. */
    public static long zext32(long v) {
        return v & 0xffffffffL;
    }

    // ---- Division and modulo (RFC 9669 4.1: x / 0 = 0, x % 0 = x) ----

    public static long udiv64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    public static long umod64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    public static long udiv32(long a, long b) {
        int d = (int) b;
        return d == 0 ? 0 : zext32(Integer.divideUnsigned((int) a, d));
    }

    public static long umod32(long a, long b) {
        int d = (int) b;
        return d == 0 ? zext32(a) : zext32(Integer.remainderUnsigned((int) a, d));
    }

    /** Signed division truncating toward zero; x s/ 0 = 0, LLONG_MIN s/ -1 = LLONG_MIN (Java agrees). */
    public static long sdiv64(long a, long b) {
        return b == 0 ? 0 : a / b;
    }

    /** Signed modulo with the sign of the dividend; x s% 0 = x, LLONG_MIN s% -1 = 0 (Java agrees). */
    public static long smod64(long a, long b) {
        return b == 0 ? a : a % b;
    }

    public static long sdiv32(long a, long b) {
        int d = (int) b;
        return d == 0 ? 0 : zext32((int) a / d);
    }

    public static long smod32(long a, long b) {
        int d = (int) b;
        return d == 0 ? zext32(a) : zext32((int) a % d);
    }

    // ---- Shifts: counts are masked to the operand width (Java does the same masking) ----

    public static long lsh32(long a, long b) {
        return zext32((int) a << (int) b);
    }

    public static long rsh32(long a, long b) {
        return zext32((int) a >>> (int) b);
    }

    public static long arsh32(long a, long b) {
        return zext32((int) a >> (int) b);
    }

    // ---- Sign extension (MOVSX, cpu v4; off = 8, 16 or 32) ----

    /** ALU64 MOVSX: sign-extends the low {@code bits} of {@code v} to 64 bits. */
    public static long movsx64(long v, int bits) {
        return switch (bits) {
            case 8 -> (byte) v;
            case 16 -> (short) v;
            case 32 -> (int) v;
            default -> throw new IllegalArgumentException("movsx width " + bits);
        };
    }

    /** ALU32 MOVSX: sign-extends the low 8 or 16 bits to 32, then zero-extends to 64. */
    public static long movsx32(long v, int bits) {
        return switch (bits) {
            case 8 -> zext32((byte) v);
            case 16 -> zext32((short) v);
            default -> throw new IllegalArgumentException("movsx32 width " + bits);
        };
    }

    // ---- Byte order (RFC 9669 4.2). This engine models a little-endian machine. ----

    /** {@code le16/le32/le64}: on little-endian, conversion only truncates to the width. */
    public static long toLe(long v, int bits) {
        return switch (bits) {
            case 16 -> v & 0xffffL;
            case 32 -> v & 0xffffffffL;
            case 64 -> v;
            default -> throw new IllegalArgumentException("byte order width " + bits);
        };
    }

    /** {@code be16/be32/be64} on little-endian, and {@code bswap16/32/64} (cpu v4): swap and truncate. */
    public static long swap(long v, int bits) {
        return switch (bits) {
            case 16 -> Short.reverseBytes((short) v) & 0xffffL;
            case 32 -> Integer.reverseBytes((int) v) & 0xffffffffL;
            case 64 -> Long.reverseBytes(v);
            default -> throw new IllegalArgumentException("byte order width " + bits);
        };
    }

    // ---- Sign extension of loads (LDSX, cpu v4) ----

    /** Sign-extends a loaded value of {@code bytes} width (1, 2 or 4) to 64 bits. */
    public static long signExtendLoad(long v, int bytes) {
        return switch (bytes) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }
}
