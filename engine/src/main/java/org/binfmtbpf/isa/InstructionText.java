package org.binfmtbpf.isa;

import org.binfmtbpf.asm.Disassembler;

/**
 * How error messages show one instruction: llvm-objdump's text and the eight bytes in file
 * order (opcode, regs, off and imm little-endian), as {@code -- raw} sections write them:
 * {@code r0 += 0x1; 07 10 00 00 01 00 00 00}. The bytes matter because llvm's text omits
 * exactly the reserved fields that make an instruction invalid.
 */
final class InstructionText {
    private InstructionText() {}

    static String of(Instruction insn) {
        String text = Disassembler.DEFAULT.format(insn);
        String hex = hex(insn);
        return text.equals(Disassembler.UNKNOWN) ? hex : text + "; " + hex;
    }

    private static String hex(Instruction insn) {
        long slot = insn.encodeSlot();
        StringBuilder sb = new StringBuilder(23);
        for (int i = 0; i < 8; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format("%02x", (slot >>> (8 * i)) & 0xff));
        }
        return sb.toString();
    }
}
