package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.JumpTarget;
import org.binfmtbpf.isa.Opcodes;

/** Small questions about one instruction that the control-flow and liveness passes ask. */
final class InsnKind {
    private InsnKind() {}

    static boolean isJump(Instruction i) {
        return Opcodes.isJump(i.opcode());
    }

    static boolean isExit(Instruction i) {
        return i.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_EXIT);
    }

    static boolean isCall(Instruction i) {
        return i.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL);
    }

    static boolean isLocalCall(Instruction i) {
        return isCall(i) && i.src() == Opcodes.CALL_LOCAL;
    }

    static boolean isHelperCall(Instruction i) {
        return isCall(i) && i.src() == Opcodes.CALL_HELPER;
    }

    static boolean isJa(Instruction i) {
        return isJump(i) && Opcodes.aluOp(i.opcode()) == Opcodes.JMP_JA && Opcodes.source(i.opcode()) == Opcodes.SRC_K;
    }

    /** A two-way conditional jump. */
    static boolean isConditional(Instruction i) {
        if (!isJump(i)) {
            return false;
        }
        int op = Opcodes.aluOp(i.opcode());
        return op != Opcodes.JMP_JA && op != Opcodes.JMP_CALL && op != Opcodes.JMP_EXIT;
    }

    /** Where a JA or conditional jump at {@code pc} goes when taken (JMP32 JA uses imm). */
    static int jumpTarget(Instruction i, int pc) {
        return (int) JumpTarget.of(pc, i);
    }

    static int callTarget(Instruction i, int pc) {
        return pc + 1 + i.imm();
    }
}
