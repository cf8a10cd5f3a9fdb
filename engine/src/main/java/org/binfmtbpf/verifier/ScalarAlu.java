package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Opcodes;

/**
 * The ALU transfer functions on scalars (the kernel's adjust_scalar_min_max_vals): from what
 * is known about the operands, what is known about the result. Known operands fold to the
 * exact result; otherwise the tnum and the ranges are computed separately and then allowed
 * to tighten each other. A 32-bit operation works on the low halves and zero-extends.
 */
final class ScalarAlu {
    private ScalarAlu() {}

    /**
     * The result of ALU instruction {@code opcode} (with {@code off}, {@code imm}) on scalars.
     *
     * @param src the source operand: the register, or the immediate as the class extends it
     */
    static ScalarBounds apply(int opcode, int off, int imm, ScalarBounds dst, ScalarBounds src) {
        boolean is64 = Opcodes.cls(opcode) == Opcodes.CLASS_ALU64;
        int op = Opcodes.aluOp(opcode);
        int width = is64 ? 64 : 32;

        if (op == Opcodes.ALU_MOV) {
            return mov(is64, off, src);
        }
        if (!kernelTracks(op, width, src)) {
            return ScalarBounds.unknown();
        }
        boolean unary = op == Opcodes.ALU_NEG || op == Opcodes.ALU_END;
        if (dst.isConst() && (unary || src.isConst())) {
            return ScalarBounds.constant(ConcreteAlu.eval(opcode, off, imm, dst.constValue(), src.constValue()));
        }
        return switch (op) {
            case Opcodes.ALU_ADD, Opcodes.ALU_SUB, Opcodes.ALU_MUL, Opcodes.ALU_AND, Opcodes.ALU_OR, Opcodes.ALU_XOR ->
                    arithmetic(op, width, dst, src);
            case Opcodes.ALU_NEG -> arithmetic(Opcodes.ALU_SUB, width, ScalarBounds.constant(0), dst);
            case Opcodes.ALU_LSH, Opcodes.ALU_RSH, Opcodes.ALU_ARSH -> shift(op, width, dst, src);
            case Opcodes.ALU_END -> byteOrder(opcode, imm, dst);
            default -> throw new IllegalArgumentException("not an ALU operation: " + opcode);
        };
    }

    /**
     * Whether the kernel 6.18 computes a result for this operation at all (its
     * is_safe_to_compute_dst_reg_range, called from adjust_scalar_min_max_vals): not for
     * division and modulo, signed or not, even of two constants; for shifts only by a constant
     * whose full 64-bit value is below the width. Otherwise the kernel marks the destination an
     * unknown 64-bit scalar (even for ALU32: the zero extension is skipped too), and so does
     * this verifier. Tracking more would be sound, but would prove dead some paths the kernel
     * explores, and accept programs the kernel refuses.
     */
    private static boolean kernelTracks(int op, int width, ScalarBounds src) {
        return switch (op) {
            case Opcodes.ALU_DIV, Opcodes.ALU_MOD -> false;
            case Opcodes.ALU_LSH, Opcodes.ALU_RSH, Opcodes.ALU_ARSH ->
                    (width == 64 ? src.isConst() : src.isConst32()) && Long.compareUnsigned(src.umax(), width) < 0;
            default -> true;
        };
    }

    private static ScalarBounds mov(boolean is64, int off, ScalarBounds src) {
        if (off == 0) {
            return is64 ? src : src.zeroExtend32();
        }
        if (src.isConst()) {
            return ScalarBounds.constant(ConcreteAlu.eval(is64 ? Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV : Opcodes.CLASS_ALU | Opcodes.ALU_MOV,
                    off, 0, 0, src.constValue()));
        }
        return is64 ? signExtend(src, off / 8) : signExtend32(src, off / 8);
    }

    /**
     * The low {@code bytes} of a value sign-extended to 64 bits (MOVSX, a sign-extending load),
     * as the kernel's coerce_reg_to_size_sx: a constant stays exact; a signed range whose ends
     * share the bits above the narrow width, and whose ends sign-extend to the same sign, maps
     * onto [sx(smin), sx(smax)], its tnum rebuilt from that range (the source's known bits are
     * not kept, even when the value already fits); anything else is some value of the narrow
     * signed width.
     */
    static ScalarBounds signExtend(ScalarBounds v, int bytes) {
        if (bytes == 8) {
            return v;
        }
        int bits = bytes * 8;
        if (v.isConst()) {
            return ScalarBounds.constant(sx(v.constValue(), bits));
        }
        if (v.smin() >>> bits == v.smax() >>> bits) {
            long a = sx(v.smin(), bits);
            long b = sx(v.smax(), bits);
            long lo = Math.min(a, b);
            long hi = Math.max(a, b);
            if ((lo >= 0) == (hi >= 0)) {
                return new ScalarBounds(Tnum.range(lo, hi), lo, hi, lo, hi, (int) lo, (int) hi,
                        lo & ScalarBounds.U32_MAX, hi & ScalarBounds.U32_MAX).sync();
            }
        }
        return ScalarBounds.signedOfSize(bytes);
    }

    /**
     * ALU32 MOVSX: the same rule on the low 32 bits' signed range (coerce_subreg_to_size_sx),
     * then zero-extended to 64 bits; otherwise some value of the narrow signed width in the
     * low 32 bits.
     */
    static ScalarBounds signExtend32(ScalarBounds v, int bytes) {
        int bits = bytes * 8;
        if ((v.s32min() & ScalarBounds.U32_MAX) >>> bits == (v.s32max() & ScalarBounds.U32_MAX) >>> bits) {
            int a = (int) sx(v.s32min(), bits);
            int b = (int) sx(v.s32max(), bits);
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            if ((lo >= 0) == (hi >= 0)) {
                return new ScalarBounds(Tnum.range(lo, hi).subreg(), 0, ScalarBounds.U32_MAX, 0, ScalarBounds.U32_MAX,
                        lo, hi, lo & ScalarBounds.U32_MAX, hi & ScalarBounds.U32_MAX).zeroExtend32();
            }
        }
        int half = 1 << (bits - 1);
        return new ScalarBounds(Tnum.UNKNOWN.subreg(), 0, ScalarBounds.U32_MAX, 0, ScalarBounds.U32_MAX,
                -half, half - 1, 0, ScalarBounds.U32_MAX).zeroExtend32();
    }

    /** The low {@code bits} of {@code v}, sign-extended. */
    private static long sx(long v, int bits) {
        int unused = 64 - bits;
        return v << unused >> unused;
    }

    /** The low {@code bytes} of a value, zero-extended (a narrow load; the kernel's coerce_reg_to_size). */
    static ScalarBounds truncate(ScalarBounds v, int bytes) {
        if (bytes == 8 || Long.compareUnsigned(v.umax(), (1L << (bytes * 8)) - 1) <= 0) {
            return v;
        }
        return ScalarBounds.fromTnum(v.var().cast(bytes));
    }

    private static ScalarBounds arithmetic(int op, int width, ScalarBounds dst, ScalarBounds src) {
        Tnum t = switch (op) {
            case Opcodes.ALU_ADD -> dst.var().add(src.var());
            case Opcodes.ALU_SUB -> dst.var().sub(src.var());
            case Opcodes.ALU_MUL -> dst.var().mul(src.var());
            case Opcodes.ALU_AND -> dst.var().and(src.var());
            case Opcodes.ALU_OR -> dst.var().or(src.var());
            default -> dst.var().xor(src.var());
        };
        // The low 32 bits of these operations depend only on the low 32 bits of the operands,
        // so the 32-bit result is the same whether the instruction is ALU or ALU64.
        IntervalMath r32 = interval(op, IntervalMath.of32(dst), IntervalMath.of32(src), t.subreg(), 32);
        if (width == 32) {
            return new ScalarBounds(t.subreg(), 0, ScalarBounds.U32_MAX, 0, ScalarBounds.U32_MAX,
                    (int) r32.smin(), (int) r32.smax(), r32.umin(), r32.umax()).zeroExtend32();
        }
        IntervalMath r64 = interval(op, IntervalMath.of64(dst), IntervalMath.of64(src), t, 64);
        return new ScalarBounds(t, r64.smin(), r64.smax(), r64.umin(), r64.umax(),
                (int) r32.smin(), (int) r32.smax(), r32.umin(), r32.umax()).sync();
    }

    private static IntervalMath interval(int op, IntervalMath a, IntervalMath b, Tnum result, int width) {
        return switch (op) {
            case Opcodes.ALU_ADD -> a.add(b, width);
            case Opcodes.ALU_SUB -> a.sub(b, width);
            case Opcodes.ALU_MUL -> a.mul(b, width);
            case Opcodes.ALU_AND -> a.and(b, result, width);
            case Opcodes.ALU_OR -> a.or(b, result, width);
            default -> a.xor(b, result, width);
        };
    }

    /** Shifts by a constant below the width ({@link #kernelTracks} sends every other one to unknown). */
    private static ScalarBounds shift(int op, int width, ScalarBounds dst, ScalarBounds src) {
        int k = (int) src.constValue();
        if (width == 64) {
            IntervalMath a = IntervalMath.of64(dst);
            IntervalMath r;
            Tnum t;
            switch (op) {
                case Opcodes.ALU_LSH -> {
                    r = a.lsh(k, 64);
                    t = dst.var().lshift(k);
                    if (k == 32) {
                        // The low half moves to the high half whole, so its signed range scales by 2^32
                        // without changing sign: the kernel keeps it because '<<= 32; s>>= 32' is how
                        // compilers sign-extend a subregister.
                        r = r.withSigned((long) dst.s32min() << 32, (long) dst.s32max() << 32);
                    }
                }
                case Opcodes.ALU_RSH -> { r = a.rsh(k, 64); t = dst.var().rshift(k); }
                default -> { r = a.arsh(k, 64); t = dst.var().arshift(k, false); }
            }
            return new ScalarBounds(t, r.smin(), r.smax(), r.umin(), r.umax(),
                    Integer.MIN_VALUE, Integer.MAX_VALUE, 0, ScalarBounds.U32_MAX).sync();
        }
        IntervalMath a = IntervalMath.of32(dst);
        IntervalMath r;
        Tnum t;
        Tnum low = dst.var().subreg();
        switch (op) {
            case Opcodes.ALU_LSH -> { r = a.lsh(k, 32); t = low.lshift(k).subreg(); }
            case Opcodes.ALU_RSH -> { r = a.rsh(k, 32); t = low.rshift(k); }
            default -> { r = a.arsh(k, 32); t = low.arshift(k, true); }
        }
        return new ScalarBounds(t, 0, ScalarBounds.U32_MAX, 0, ScalarBounds.U32_MAX,
                (int) r.smin(), (int) r.smax(), r.umin(), r.umax()).zeroExtend32();
    }

    /**
     * Byte order: a little-endian conversion only truncates; a swap moves each byte's known
     * bits with it and bounds come from the tnum alone (the kernel's scalar_byte_swap).
     */
    private static ScalarBounds byteOrder(int opcode, int bits, ScalarBounds dst) {
        boolean truncateOnly = Opcodes.cls(opcode) == Opcodes.CLASS_ALU && Opcodes.source(opcode) == Opcodes.SRC_K;
        if (truncateOnly) {
            return truncate(dst, bits / 8);
        }
        return ScalarBounds.fromTnum(dst.var().byteSwap(bits / 8));
    }
}
