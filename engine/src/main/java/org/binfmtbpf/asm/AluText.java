package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/** llvm's text for ALU and ALU64 instructions (RFC 9669 4.1 and 4.2). */
final class AluText {
    private AluText() {}

    static String format(Instruction insn) {
        int op = Opcodes.aluOp(insn.opcode());
        boolean wide = insn.cls() == Opcodes.CLASS_ALU64;
        String dst = (wide ? "r" : "w") + insn.dst();
        if (op == Opcodes.ALU_END) {
            // llvm names the 64-bit register even for the ALU-class le/be: the result is 64 bits wide.
            String name = wide ? "bswap" : Opcodes.source(insn.opcode()) == Opcodes.SRC_X ? "be" : "le";
            return "r" + insn.dst() + " = " + name + insn.imm() + " r" + insn.dst();
        }
        if (op == Opcodes.ALU_NEG) {
            return dst + " = -" + dst;
        }
        boolean register = Opcodes.source(insn.opcode()) == Opcodes.SRC_X;
        String src = (wide ? "r" : "w") + insn.src();
        if (op == Opcodes.ALU_MOV && register && insn.off() != 0) {
            boolean valid = insn.off() == 8 || insn.off() == 16 || (wide && insn.off() == 32);
            return valid ? dst + " = (s" + insn.off() + ")" + src : Disassembler.UNKNOWN;
        }
        String operator = insn.off() == 1 && LlvmSyntax.SIGNED_ALU_OPERATORS.containsKey(op)
                ? LlvmSyntax.SIGNED_ALU_OPERATORS.get(op)
                : LlvmSyntax.ALU_OPERATORS.get(op);
        return dst + " " + operator + " " + (register ? src : LlvmSyntax.hex(insn.imm()));
    }
}
