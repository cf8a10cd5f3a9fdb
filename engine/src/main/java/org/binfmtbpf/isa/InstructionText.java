package org.binfmtbpf.isa;

/**
 * How error messages show one instruction: its eight bytes in hex, in file order
 * (opcode, regs, off little-endian, imm little-endian), as {@code -- raw} sections write them.
 */
final class InstructionText {
    private InstructionText() {}

    static String of(Instruction insn) {
        long slot = insn.encodeSlot();
        StringBuilder sb = new StringBuilder(23);
        for (int i = 0; i < 8; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format("%02x", (slot >>> (8 * i)) & 0xff));
        }
        return sb.toString();
    }
}
