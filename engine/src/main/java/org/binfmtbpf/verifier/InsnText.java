package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;

/**
 * How the log shows an instruction: {@code 12: (71) <text>}. Until the project's disassembler
 * is available this prints the raw slot in hex after the opcode.
 */
final class InsnText {
    private InsnText() {}

    static String of(Program p, int pc) {
        Instruction i = p.insn(pc);
        return String.format("%d: (%02x) %s", pc, i.opcode(), body(i));
    }

    private static String body(Instruction i) {
        String s = String.format("dst=r%d src=r%d off=%d imm=%d", i.dst(), i.src(), i.off(), i.imm());
        return i.isLdImm64() ? s + " imm64=0x" + Long.toHexString(i.imm64()) : s;
    }
}
