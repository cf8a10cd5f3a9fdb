package org.binfmtbpf.isa;

/**
 * Where a jump goes (RFC 9669 4.3): slot {@code pc + 1 + offset}, where the offset is off, or
 * imm for the 32-bit-range JA of class JMP32 (0x06, llvm's {@code gotol}). Calls and exit are
 * not jumps. The validator, the disassembler and the engines use this one rule.
 */
public final class JumpTarget {
    private JumpTarget() {}

    /** A jump in the kernel's sense: class JMP or JMP32, except call and exit. */
    public static boolean isJump(Instruction insn) {
        int op = Opcodes.aluOp(insn.opcode());
        return Opcodes.isJump(insn.opcode()) && op != Opcodes.JMP_CALL && op != Opcodes.JMP_EXIT;
    }

    /** The target slot of the jump at {@code index}; may lie outside the program (the validator says so). */
    public static long of(int index, Instruction insn) {
        boolean wideJa = insn.opcode() == (Opcodes.CLASS_JMP32 | Opcodes.JMP_JA);
        return (long) index + 1 + (wideJa ? insn.imm() : insn.off());
    }
}
