package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/** llvm's text for ST, STX and the atomic operations (RFC 9669 5.1 and 5.3). */
final class StoreText {
    private StoreText() {}

    static String formatSt(Instruction insn) {
        return target(insn) + " = " + LlvmSyntax.hex(insn.imm());
    }

    static String formatStx(Instruction insn, boolean alu32) {
        boolean word = Opcodes.size(insn.opcode()) != Opcodes.SIZE_DW;
        if (Opcodes.mode(insn.opcode()) == Opcodes.MODE_ATOMIC) {
            return atomic(insn, word, alu32);
        }
        return target(insn) + " = " + (alu32 && word ? "w" : "r") + insn.src();
    }

    /** {@code *(u32 *)(r1 + 0x8)} */
    private static String target(Instruction insn) {
        return "*(" + LlvmSyntax.type(insn.opcode(), false) + " *)(" + LlvmSyntax.address(insn.dst(), insn.off()) + ")";
    }

    /**
     * 32-bit atomics use {@code w} registers, except the non-fetching add in plain
     * llvm-objdump, the one 32-bit atomic it decodes without ALU32 (its old XADDW).
     */
    private static String atomic(Instruction insn, boolean word, boolean alu32) {
        int imm = insn.imm();
        String reg = word ? "w" : "r";
        String src = reg + insn.src();
        String address = LlvmSyntax.address(insn.dst(), insn.off());
        String operator = LlvmSyntax.ATOMIC_OPERATORS.get(imm);
        if (operator != null) {
            String value = word && imm == Opcodes.ATOMIC_ADD && !alu32 ? "r" + insn.src() : src;
            return "lock " + target(insn) + " " + operator + " " + value;
        }
        String function = LlvmSyntax.ATOMIC_FETCH_FUNCTIONS.get(imm);
        if (function != null) {
            return src + " = " + function + "((" + LlvmSyntax.type(insn.opcode(), false) + " *)(" + address + "), " + src + ")";
        }
        String suffix = word ? "32_32" : "_64";
        if (imm == Opcodes.ATOMIC_XCHG) {
            return src + " = xchg" + suffix + "(" + address + ", " + src + ")";
        }
        if (imm == Opcodes.ATOMIC_CMPXCHG) {
            return reg + "0 = cmpxchg" + suffix + "(" + address + ", " + reg + "0, " + src + ")";
        }
        return Disassembler.UNKNOWN;
    }
}
