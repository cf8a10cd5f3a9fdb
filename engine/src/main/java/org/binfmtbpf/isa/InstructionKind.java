package org.binfmtbpf.isa;

import static org.binfmtbpf.isa.Opcodes.*;

/**
 * What one instruction does to control flow: the questions the verifier's control-flow pass,
 * the JIT's planner and its emitters ask, answered once. Valid instructions only (the
 * validator has refused the rest); jump targets follow {@link JumpTarget}.
 */
public final class InstructionKind {
    private InstructionKind() {}

    public static boolean isExit(Instruction insn) {
        return insn.cls() == CLASS_JMP && aluOp(insn.opcode()) == JMP_EXIT;
    }

    /** CALL in any form: a helper, a kfunc, a BPF-to-BPF call, or CALLX through a register. */
    public static boolean isCall(Instruction insn) {
        return insn.cls() == CLASS_JMP && aluOp(insn.opcode()) == JMP_CALL;
    }

    /** A BPF-to-BPF call (src = 1), whose target is {@link #callTarget}. */
    public static boolean isLocalCall(Instruction insn) {
        return isCall(insn) && source(insn.opcode()) == SRC_K && insn.src() == CALL_LOCAL;
    }

    /** JA, including the 32-bit-range JA of class JMP32. */
    public static boolean isJa(Instruction insn) {
        return isJump(insn.opcode()) && aluOp(insn.opcode()) == JMP_JA && source(insn.opcode()) == SRC_K;
    }

    /** A two-way conditional jump. */
    public static boolean isConditional(Instruction insn) {
        return JumpTarget.isJump(insn) && aluOp(insn.opcode()) != JMP_JA;
    }

    /** A conditional jump or JA: something with a target inside the function. */
    public static boolean isBranch(Instruction insn) {
        return JumpTarget.isJump(insn);
    }

    /** Where a JA or conditional jump at {@code pc} goes when taken. */
    public static int jumpTarget(Instruction insn, int pc) {
        return (int) JumpTarget.of(pc, insn);
    }

    /** Where the local call at {@code pc} goes: pc + 1 + imm. */
    public static int callTarget(Instruction insn, int pc) {
        return pc + 1 + insn.imm();
    }

    /** True when execution can continue at the next instruction after this one. */
    public static boolean fallsThrough(Instruction insn) {
        return !isExit(insn) && !isJa(insn);
    }
}
