package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.JumpTarget;

/** Control-flow facts about single instructions, as the code generator needs them. */
final class Jumps {
    private Jumps() {}

    static boolean isJa(Instruction insn) {
        return isJump(insn.opcode()) && aluOp(insn.opcode()) == JMP_JA && (insn.opcode() & SRC_X) == 0;
    }

    static boolean isExit(Instruction insn) {
        return insn.cls() == CLASS_JMP && aluOp(insn.opcode()) == JMP_EXIT;
    }

    static boolean isCall(Instruction insn) {
        return insn.cls() == CLASS_JMP && aluOp(insn.opcode()) == JMP_CALL;
    }

    static boolean isLocalCall(Instruction insn) {
        return isCall(insn) && source(insn.opcode()) == SRC_K && insn.src() == CALL_LOCAL;
    }

    /** A conditional jump or JA: something with a target inside the function. */
    static boolean isBranch(Instruction insn) {
        if (!isJump(insn.opcode())) {
            return false;
        }
        int op = aluOp(insn.opcode());
        return op != JMP_CALL && op != JMP_EXIT;
    }

    /** Target of a branch: pc + 1 + off, or pc + 1 + imm for the 32-bit JA of class JMP32. */
    static int target(Instruction insn, int pc) {
        return (int) JumpTarget.of(pc, insn);
    }

    /** Target of a local call: pc + 1 + imm. */
    static int callTarget(Instruction insn, int pc) {
        return pc + 1 + insn.imm();
    }

    /** True when execution can continue at pc + slots after this instruction. */
    static boolean fallsThrough(Instruction insn) {
        return !isExit(insn) && !isJa(insn);
    }
}
