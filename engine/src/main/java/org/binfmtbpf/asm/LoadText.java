package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/** llvm's text for LD (64-bit immediates, legacy packet loads) and LDX (RFC 9669 5.1, 5.2, 5.4, 5.5). */
final class LoadText {
    private LoadText() {}

    static String formatLd(Instruction insn) {
        int mode = Opcodes.mode(insn.opcode());
        String type = LlvmSyntax.type(insn.opcode(), false);
        if (mode == Opcodes.MODE_ABS) {
            return "r0 = *(" + type + " *)skb[" + LlvmSyntax.hex(insn.imm()) + "]";
        }
        if (mode == Opcodes.MODE_IND) {
            String text = "r0 = *(" + type + " *)skb[r" + insn.src() + "]";
            return insn.imm() == 0 ? text : text + " # imm " + LlvmSyntax.hex(insn.imm());
        }
        if (insn.src() == Opcodes.PSEUDO_NONE) {
            return "r" + insn.dst() + " = " + LlvmSyntax.hex(insn.imm64()) + " ll";
        }
        // llvm prints the immediate of ld_pseudo unsigned
        String text = "ld_pseudo\tr" + insn.dst() + ", " + LlvmSyntax.hex(insn.src()) + ", "
                + LlvmSyntax.hex(insn.imm() & 0xffffffffL);
        return insn.imm2() == 0 ? text : text + " # next_imm " + LlvmSyntax.hex(insn.imm2());
    }

    static String formatLdx(Instruction insn, boolean alu32) {
        boolean signExtending = Opcodes.mode(insn.opcode()) == Opcodes.MODE_MEMSX;
        boolean word = alu32 && !signExtending && Opcodes.size(insn.opcode()) != Opcodes.SIZE_DW;
        return (word ? "w" : "r") + insn.dst() + " = *(" + LlvmSyntax.type(insn.opcode(), signExtending) + " *)("
                + LlvmSyntax.address(insn.src(), insn.off()) + ")";
    }
}
