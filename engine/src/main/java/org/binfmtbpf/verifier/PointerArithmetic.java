package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * ALU instructions with a pointer operand (the kernel's adjust_ptr_min_max_vals): adding or
 * subtracting a bounded scalar moves a pointer within its region; subtracting two pointers
 * into the same region gives a scalar; everything else is refused with the kernel's words.
 */
final class PointerArithmetic {
    /** BPF_MAX_VAR_OFF: offsets beyond +-2^29 are never sane. */
    static final long MAX_VAR_OFF = 1L << 29;

    private PointerArithmetic() {}

    static String opName(int op) {
        return switch (op) {
            case Opcodes.ALU_ADD -> "+=";
            case Opcodes.ALU_SUB -> "-=";
            case Opcodes.ALU_MUL -> "*=";
            case Opcodes.ALU_DIV -> "/=";
            case Opcodes.ALU_OR -> "|=";
            case Opcodes.ALU_AND -> "&=";
            case Opcodes.ALU_LSH -> "<<=";
            case Opcodes.ALU_RSH -> ">>=";
            case Opcodes.ALU_NEG -> "neg";
            case Opcodes.ALU_MOD -> "%=";
            case Opcodes.ALU_XOR -> "^=";
            case Opcodes.ALU_MOV -> "=";
            case Opcodes.ALU_ARSH -> "s>>=";
            default -> "endian";
        };
    }

    /**
     * The result of {@code dst op= src} where at least one operand is a pointer.
     *
     * @param src the source register's state, or the immediate as a scalar
     */
    static RegisterState apply(int pc, int opcode, int dstReg, RegisterState dst, RegisterState src) {
        int op = Opcodes.aluOp(opcode);
        boolean is64 = Opcodes.cls(opcode) == Opcodes.CLASS_ALU64;
        if (!is64) {
            if (op == Opcodes.ALU_SUB) {
                return Scalar.of(ScalarBounds.unknown().zeroExtend32()); // meaningless, but privileged code may do it
            }
            throw Rejection.at(pc, "R%d 32-bit pointer arithmetic prohibited", dstReg);
        }
        if (dst instanceof Pointer a && src instanceof Pointer b) {
            if (op != Opcodes.ALU_SUB) {
                throw Rejection.at(pc, "R%d pointer %s pointer prohibited", dstReg, opName(op));
            }
            return difference(a, b);
        }
        if (dst instanceof Scalar s && src instanceof Pointer p) {
            if (op != Opcodes.ALU_ADD) {
                throw Rejection.at(pc, op == Opcodes.ALU_SUB ? "R%d tried to subtract pointer from scalar"
                        : "R%d pointer arithmetic with " + opName(op) + " operator prohibited", dstReg);
            }
            return move(pc, dstReg, p, s.bounds(), Opcodes.ALU_ADD);
        }
        Pointer p = (Pointer) dst;
        ScalarBounds s = ((Scalar) src).bounds();
        switch (op) {
            case Opcodes.ALU_ADD, Opcodes.ALU_SUB -> {
                return move(pc, dstReg, p, s, op);
            }
            case Opcodes.ALU_AND, Opcodes.ALU_OR, Opcodes.ALU_XOR ->
                    throw Rejection.at(pc, "R%d bitwise operator %s on pointer prohibited", dstReg, opName(op));
            default -> throw Rejection.at(pc, "R%d pointer arithmetic with %s operator prohibited", dstReg, opName(op));
        }
    }

    /** p - q: a scalar when both point into the same region (exact when both offsets are), else unknown. */
    private static RegisterState difference(Pointer a, Pointer b) {
        boolean sameRegion = a.kind() == b.kind() && a.kind() != PointerKind.MAP_VALUE_OR_NULL
                && a.frameNo() == b.frameNo() && (a.map() == null ? b.map() == null : b.map() != null && a.map().identity() == b.map().identity());
        if (!sameRegion || a.kind() == PointerKind.CONST_PTR_TO_MAP) {
            return Scalar.UNKNOWN;
        }
        ScalarBounds off = ScalarAlu.apply(Opcodes.CLASS_ALU64 | Opcodes.ALU_SUB, 0, 0,
                ScalarAlu.apply(Opcodes.CLASS_ALU64 | Opcodes.ALU_ADD, 0, 0, a.varOff(), ScalarBounds.constant(a.off())),
                ScalarAlu.apply(Opcodes.CLASS_ALU64 | Opcodes.ALU_ADD, 0, 0, b.varOff(), ScalarBounds.constant(b.off())));
        return Scalar.of(off);
    }

    /** Moves pointer {@code p} by {@code +s} or {@code -s}, after the kernel's sanity checks on s. */
    private static RegisterState move(int pc, int dstReg, Pointer p, ScalarBounds s, int op) {
        String kind = p.kind().logName();
        if (p.kind() == PointerKind.MAP_VALUE_OR_NULL) {
            throw Rejection.at(pc, "R%d pointer arithmetic on %s prohibited, null-check it first", dstReg, kind);
        }
        if (p.kind() == PointerKind.CONST_PTR_TO_MAP) {
            throw Rejection.at(pc, "R%d pointer arithmetic on %s prohibited", dstReg, kind);
        }
        if (s.isConst()) {
            long v = s.constValue();
            if (v >= MAX_VAR_OFF || v <= -MAX_VAR_OFF) {
                throw Rejection.at(pc, "math between %s pointer and %d is not allowed", kind, v);
            }
            long off = op == Opcodes.ALU_ADD ? p.off() + v : p.off() - v;
            checkSane(pc, dstReg, kind, off, p.varOff());
            return p.withOffset((int) off, p.varOff());
        }
        if (s.smin() == Long.MIN_VALUE) {
            throw Rejection.at(pc, "math between %s pointer and register with unbounded min value is not allowed", kind);
        }
        if (s.smin() >= MAX_VAR_OFF || s.smin() <= -MAX_VAR_OFF) {
            throw Rejection.at(pc, "value %d makes %s pointer be out of bounds", s.smin(), kind);
        }
        ScalarBounds var = ScalarAlu.apply(Opcodes.CLASS_ALU64 | op, 0, 0, p.varOff(), s);
        checkSane(pc, dstReg, kind, p.off(), var);
        return p.withOffset(p.off(), var);
    }

    private static void checkSane(int pc, int dstReg, String kind, long off, ScalarBounds var) {
        if (off >= MAX_VAR_OFF || off <= -MAX_VAR_OFF) {
            throw Rejection.at(pc, "value %d makes %s pointer be out of bounds", off, kind);
        }
        if (var.smin() <= -MAX_VAR_OFF) {
            throw Rejection.at(pc, "R%d %s pointer offset %s is out of bounds", dstReg, kind, var);
        }
    }
}
