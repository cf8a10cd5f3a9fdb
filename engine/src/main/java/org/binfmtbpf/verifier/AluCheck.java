package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/** ALU and ALU64 instructions (the kernel's check_alu_op): operand checks, then the transfer function. */
final class AluCheck {
    private AluCheck() {}

    static void check(VerifierEnv env, FrameState f, Instruction insn, int pc) {
        int opcode = insn.opcode();
        int op = Opcodes.aluOp(opcode);
        boolean is64 = Opcodes.cls(opcode) == Opcodes.CLASS_ALU64;
        boolean x = Opcodes.source(opcode) == Opcodes.SRC_X;
        checkEncoding(insn, pc, op, is64, x);
        checkConstantOperand(insn, pc, op, is64, x);

        if (op == Opcodes.ALU_MOV) {
            Registers.checkWritable(insn.dst(), pc);
            f.set(insn.dst(), mov(env, f, insn, pc, is64, x));
            return;
        }
        RegisterState dst = Registers.read(f, insn.dst(), pc);
        Registers.checkWritable(insn.dst(), pc);
        if (op == Opcodes.ALU_NEG || op == Opcodes.ALU_END) {
            if (dst instanceof Pointer) {
                throw Rejection.at(pc, "R%d pointer arithmetic with %s operator prohibited", insn.dst(), PointerArithmetic.opName(op));
            }
            ScalarBounds r = ScalarAlu.apply(opcode, insn.off(), insn.imm(), ((Scalar) dst).bounds(), ScalarBounds.constant(0));
            f.set(insn.dst(), Scalar.of(r));
            return;
        }
        RegisterState src = x ? Registers.read(f, insn.src(), pc) : immediate(insn, is64);
        if (dst instanceof Scalar a && src instanceof Scalar b) {
            f.set(insn.dst(), Scalar.of(ScalarAlu.apply(opcode, insn.off(), insn.imm(), a.bounds(), b.bounds())));
        } else {
            f.set(insn.dst(), PointerArithmetic.apply(pc, opcode, insn.dst(), dst, src));
        }
    }

    /** The immediate as the class extends it: sign-extended for ALU64, its 32 bits for ALU. */
    static Scalar immediate(Instruction insn, boolean is64) {
        return Scalar.constant(is64 ? insn.imm() : insn.imm() & 0xffffffffL);
    }

    private static RegisterState mov(VerifierEnv env, FrameState f, Instruction insn, int pc, boolean is64, boolean x) {
        if (!x) {
            return immediate(insn, is64);
        }
        RegisterState src = Registers.read(f, insn.src(), pc);
        if (insn.off() != 0) { // MOVSX
            if (src instanceof Pointer) {
                throw Rejection.at(pc, "R%d sign-extension part of pointer", insn.src());
            }
            return Scalar.of(ScalarAlu.apply(insn.opcode(), insn.off(), 0, ScalarBounds.constant(0), ((Scalar) src).bounds()));
        }
        if (!is64) {
            if (src instanceof Scalar s) {
                return Scalar.of(s.bounds().zeroExtend32());
            }
            return Scalar.of(ScalarBounds.unknown().zeroExtend32()); // the low half of an address
        }
        if (src instanceof Scalar s && s.id() == 0 && !s.bounds().isConst()) {
            // Link the copies: a bound one of them learns on a branch holds for the other.
            Scalar linked = new Scalar(s.bounds(), env.nextId());
            f.set(insn.src(), linked);
            return linked;
        }
        return src;
    }

    /**
     * The kernel refuses a constant divisor of zero and a constant shift count outside the
     * operand width (check_alu_op), although RFC 9669 defines both results and the load-time
     * validator and the engines accept them for RAW programs.
     */
    private static void checkConstantOperand(Instruction insn, int pc, int op, boolean is64, boolean x) {
        if (x) {
            return;
        }
        if ((op == Opcodes.ALU_DIV || op == Opcodes.ALU_MOD) && insn.imm() == 0) {
            throw Rejection.at(pc, "div by zero");
        }
        int width = is64 ? 64 : 32;
        if ((op == Opcodes.ALU_LSH || op == Opcodes.ALU_RSH || op == Opcodes.ALU_ARSH)
                && (insn.imm() < 0 || insn.imm() >= width)) {
            throw Rejection.at(pc, "invalid shift %d", insn.imm());
        }
    }

    private static void checkEncoding(Instruction insn, int pc, int op, boolean is64, boolean x) {
        boolean ok = switch (op) {
            case Opcodes.ALU_ADD, Opcodes.ALU_SUB, Opcodes.ALU_MUL, Opcodes.ALU_OR, Opcodes.ALU_AND, Opcodes.ALU_LSH,
                    Opcodes.ALU_RSH, Opcodes.ALU_XOR, Opcodes.ALU_ARSH -> insn.off() == 0 && (x ? insn.imm() == 0 : insn.src() == 0);
            case Opcodes.ALU_DIV, Opcodes.ALU_MOD -> (insn.off() == 0 || insn.off() == 1) && (x ? insn.imm() == 0 : insn.src() == 0);
            case Opcodes.ALU_NEG -> !x && insn.src() == 0 && insn.off() == 0 && insn.imm() == 0;
            case Opcodes.ALU_MOV -> x ? insn.imm() == 0 && (insn.off() == 0 || insn.off() == 8 || insn.off() == 16 || (is64 && insn.off() == 32))
                    : insn.src() == 0 && insn.off() == 0;
            case Opcodes.ALU_END -> insn.src() == 0 && insn.off() == 0 && (insn.imm() == 16 || insn.imm() == 32 || insn.imm() == 64)
                    && (!is64 || !x);
            default -> false;
        };
        if (!ok) {
            throw Rejection.at(pc, "invalid BPF_ALU%s opcode 0x%02x or reserved fields in use", is64 ? "64" : "", insn.opcode());
        }
    }
}
