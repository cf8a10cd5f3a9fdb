package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/** llvm's text for JMP and JMP32 instructions (RFC 9669 4.3): goto, gotol, if, call, callx, exit. */
final class JumpText {
    private JumpText() {}

    static String format(Instruction insn) {
        int op = Opcodes.aluOp(insn.opcode());
        boolean jmp32 = insn.cls() == Opcodes.CLASS_JMP32;
        switch (op) {
            case Opcodes.JMP_JA:
                return jmp32 ? "gotol " + LlvmSyntax.branch(insn.imm()) : "goto " + LlvmSyntax.branch(insn.off());
            case Opcodes.JMP_EXIT:
                return "exit";
            case Opcodes.JMP_CALL:
                return call(insn);
            default:
                String reg = jmp32 ? "w" : "r";
                String rhs = Opcodes.source(insn.opcode()) == Opcodes.SRC_X ? reg + insn.src() : LlvmSyntax.hex(insn.imm());
                return "if " + reg + insn.dst() + " " + LlvmSyntax.JUMP_OPERATORS.get(op) + " " + rhs
                        + " goto " + LlvmSyntax.branch(insn.off());
        }
    }

    private static String call(Instruction insn) {
        if (Opcodes.source(insn.opcode()) == Opcodes.SRC_X) {
            return "callx r" + insn.dst();
        }
        String text = "call " + LlvmSyntax.hex(insn.imm());
        return switch (insn.src()) {
            case Opcodes.CALL_LOCAL -> text + " # local";
            case Opcodes.CALL_KFUNC -> text + " # kfunc" + (insn.off() == 0 ? "" : " off " + LlvmSyntax.hex(insn.off()));
            default -> text;
        };
    }
}
