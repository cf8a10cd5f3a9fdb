package org.binfmtbpf.verifier;

import org.binfmtbpf.asm.Disassembler;
import org.binfmtbpf.program.Program;

/** How the log shows an instruction, like the kernel's: {@code 12: (71) w1 = *(u8 *)(r6 + 0x100)}. */
final class InsnText {
    private InsnText() {}

    static String of(Program p, int pc) {
        return String.format("%d: (%02x) %s", pc, p.insn(pc).opcode(), Disassembler.ALU32.format(p.insn(pc)));
    }
}
