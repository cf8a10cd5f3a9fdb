package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * JA, EXIT and the conditional jumps of JMP (64-bit) and JMP32 (low 32 bits). Signed
 * comparisons are JVM comparisons; unsigned ones flip the sign bit of both operands first,
 * which orders unsigned values as signed ones (what {@code Long.compareUnsigned} does),
 * unless the verifier proved both operands' sign bits clear ({@link AccessFacts#nonNegative}):
 * then the two orders agree and the plain signed comparison is emitted. C2 of JDK 17 does not
 * see through the flip, so each costs an XOR per operand and, in a loop, a register holding
 * the flipped constant.
 *
 * <p>A conditional jump backwards (a loop's) becomes the opposite jump over a {@code GOTO}.
 * HotSpot polls for safepoints at a loop's back edge, and the poll records the JVM state of
 * the bytecode there: on an {@code IFNE} after {@code LCMP} that state holds the comparison's
 * int, which C2 then computes on every iteration (five instructions and a register, in the
 * qemu table walk) only to describe the state. On a {@code GOTO} the operand stack is empty.
 */
final class BranchEmitter implements Opcodes {
    private BranchEmitter() {}

    static boolean emit(MethodEmitter m, Instruction insn, int pc) {
        MethodVisitor mv = m.mv;
        int op = aluOp(insn.opcode());
        if (op == JMP_EXIT) {
            if (insn.cls() != CLASS_JMP) {
                return false;
            }
            m.exitFunction();
            return true;
        }
        if (op == JMP_JA) {
            mv.visitJumpInsn(GOTO, m.branchTarget(pc, InstructionKind.jumpTarget(insn, pc)));
            return true;
        }
        int cond = condition(op);
        if (cond < 0) {
            return false;
        }
        int to = InstructionKind.jumpTarget(insn, pc);
        Label target = m.branchTarget(pc, to);
        if (to > pc) {
            compareAndJump(m, insn, pc, op, cond, target);
            return true;
        }
        Label fallThrough = new Label();
        compareAndJump(m, insn, pc, op, opposite(cond), fallThrough);
        mv.visitJumpInsn(GOTO, target);
        mv.visitLabel(fallThrough);
        m.mv.frame();
        return true;
    }

    /** Pushes the comparison of the jump and jumps to {@code target} when {@code cond} holds. */
    private static void compareAndJump(MethodEmitter m, Instruction insn, int pc, int op, int cond, Label target) {
        MethodVisitor mv = m.mv;
        boolean reg = source(insn.opcode()) == SRC_X;
        boolean unsigned = (op == JMP_JGT || op == JMP_JGE || op == JMP_JLT || op == JMP_JLE)
                && !signAgnostic(m, insn, pc);
        if (insn.cls() == CLASS_JMP) {
            long flip = unsigned ? Long.MIN_VALUE : 0;
            m.load(insn.dst());
            if (unsigned) {
                m.pushLong(flip);
                mv.visitInsn(LXOR);
            }
            if (reg) {
                m.load(insn.src());
                if (unsigned) {
                    m.pushLong(flip);
                    mv.visitInsn(LXOR);
                }
            } else {
                m.pushLong(insn.imm() ^ flip);
            }
            if (op == JMP_JSET) {
                mv.visitInsn(LAND);
                mv.visitInsn(LCONST_0);
            }
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(cond, target);
        } else {
            int flip = unsigned ? Integer.MIN_VALUE : 0;
            m.load(insn.dst());
            mv.visitInsn(L2I);
            if (unsigned) {
                m.pushInt(flip);
                mv.visitInsn(IXOR);
            }
            if (reg) {
                m.load(insn.src());
                mv.visitInsn(L2I);
                if (unsigned) {
                    m.pushInt(flip);
                    mv.visitInsn(IXOR);
                }
            } else {
                m.pushInt(insn.imm() ^ flip);
            }
            if (op == JMP_JSET) {
                mv.visitInsn(IAND);
                mv.visitJumpInsn(cond, target);
            } else {
                mv.visitJumpInsn(cond + (IF_ICMPEQ - IFEQ), target);
            }
        }
    }

    /** True when both operands of the jump at {@code pc} are proven to have their sign bit clear. */
    private static boolean signAgnostic(MethodEmitter m, Instruction insn, int pc) {
        boolean low32 = insn.cls() == CLASS_JMP32;
        AccessFacts facts = m.cls.facts;
        boolean other = source(insn.opcode()) == SRC_X ? facts.nonNegative(pc, insn.src(), low32) : insn.imm() >= 0;
        return other && facts.nonNegative(pc, insn.dst(), low32);
    }

    /** IFEQ for IFNE, IFGE for IFLT and so on: the jump taken exactly when {@code cond}'s is not. */
    private static int opposite(int cond) {
        return ((cond - IFEQ) ^ 1) + IFEQ;
    }

    /** The IFxx opcode that jumps when the comparison result (lcmp) satisfies {@code op}; -1 if not a condition. */
    private static int condition(int op) {
        return switch (op) {
            case JMP_JEQ -> IFEQ;
            case JMP_JNE, JMP_JSET -> IFNE;
            case JMP_JGT, JMP_JSGT -> IFGT;
            case JMP_JGE, JMP_JSGE -> IFGE;
            case JMP_JLT, JMP_JSLT -> IFLT;
            case JMP_JLE, JMP_JSLE -> IFLE;
            default -> -1;
        };
    }
}
