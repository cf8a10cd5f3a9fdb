package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * ALU and ALU64. Operations that equal a JVM operator (add, sub, mul, and, or, xor, neg and
 * 64-bit shifts, which the JVM masks by 63 like eBPF) are emitted inline; a 32-bit result is
 * zero-extended with {@code & 0xffffffffL}. Every other rule is an {@code invokestatic} to
 * {@code isa.Alu}, the code the interpreter runs.
 */
final class AluEmitter implements Opcodes {
    private AluEmitter() {}

    private static final String JJ_J = "(JJ)J";
    private static final String JI_J = "(JI)J";

    static boolean emit(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        boolean wide = insn.cls() == CLASS_ALU64;
        boolean reg = source(insn.opcode()) == SRC_X;
        int op = aluOp(insn.opcode());
        int dst = insn.dst();
        switch (op) {
            case ALU_MOV -> {
                if (insn.off() == 0) {
                    operand(m, insn, wide, reg);
                    if (!wide && reg) {
                        zext(mv);
                    }
                } else if (reg) {
                    m.load(insn.src());
                    m.pushInt(insn.off());
                    m.invokeStatic(ClassContext.ALU, wide ? "movsx64" : "movsx32", JI_J);
                } else {
                    return false;
                }
            }
            case ALU_NEG -> {
                m.load(dst);
                if (wide) {
                    mv.visitInsn(LNEG);
                } else {
                    mv.visitInsn(L2I);
                    mv.visitInsn(INEG);
                    mv.visitInsn(I2L);
                    zext(mv);
                }
            }
            case ALU_END -> {
                m.load(dst);
                m.pushInt(insn.imm());
                boolean swap = wide || source(insn.opcode()) == SRC_X;
                m.invokeStatic(ClassContext.ALU, swap ? "swap" : "toLe", JI_J);
            }
            case ALU_ADD, ALU_SUB, ALU_MUL, ALU_OR, ALU_AND, ALU_XOR -> {
                m.load(dst);
                if (wide) {
                    operand(m, insn, true, reg);
                    mv.visitInsn(longOp(op));
                } else {
                    mv.visitInsn(L2I);
                    intOperand(m, insn, reg);
                    mv.visitInsn(longOp(op) - 1); // IADD = LADD - 1, and so on
                    mv.visitInsn(I2L);
                    zext(mv);
                }
            }
            case ALU_LSH, ALU_RSH, ALU_ARSH -> {
                m.load(dst);
                if (wide) {
                    intOperand(m, insn, reg);
                    mv.visitInsn(op == ALU_LSH ? LSHL : op == ALU_RSH ? LUSHR : LSHR);
                } else {
                    operand(m, insn, true, reg);
                    m.invokeStatic(ClassContext.ALU, op == ALU_LSH ? "lsh32" : op == ALU_RSH ? "rsh32" : "arsh32", JJ_J);
                }
            }
            case ALU_DIV, ALU_MOD -> {
                m.load(dst);
                operand(m, insn, true, reg);
                String name = (insn.off() == 1 ? "s" : "u") + (op == ALU_DIV ? "div" : "mod") + (wide ? "64" : "32");
                m.invokeStatic(ClassContext.ALU, name, JJ_J);
            }
            default -> {
                return false;
            }
        }
        m.store(dst);
        return true;
    }

    /** Pushes the source operand as a long: the register, or imm (sign-extended for ALU64, as u32 for ALU). */
    static void operand(MethodEmitter m, Instruction insn, boolean wide, boolean reg) {
        if (reg) {
            m.load(insn.src());
        } else {
            m.pushLong(wide ? insn.imm() : insn.imm() & 0xffffffffL);
        }
    }

    private static void intOperand(MethodEmitter m, Instruction insn, boolean reg) {
        if (reg) {
            m.load(insn.src());
            m.mv.visitInsn(L2I);
        } else {
            m.pushInt(insn.imm());
        }
    }

    static void zext(MethodVisitor mv) {
        mv.visitLdcInsn(0xffffffffL);
        mv.visitInsn(LAND);
    }

    private static int longOp(int op) {
        return switch (op) {
            case ALU_ADD -> LADD;
            case ALU_SUB -> LSUB;
            case ALU_MUL -> LMUL;
            case ALU_OR -> LOR;
            case ALU_AND -> LAND;
            default -> LXOR;
        };
    }
}
