package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;

/**
 * One assembled statement of either syntax: the instruction, and if its jump or call target
 * is a label, that label (resolved by {@link Labels} after the last line) and whether the
 * relative offset goes into imm (gotol, ja32, call) or off.
 */
record ParsedInstruction(Instruction insn, Operands.Target label, boolean targetInImm) {
    static ParsedInstruction of(Instruction insn) {
        return new ParsedInstruction(insn, null, false);
    }

    /** {@code insn} with its target: a relative offset goes into off or imm now, a label is left for {@link Labels}. */
    static ParsedInstruction withTarget(Instruction insn, Operands.Target t, boolean inImm) {
        if (t.isLabel()) {
            return new ParsedInstruction(insn, t, inImm);
        }
        return of(inImm
                ? Instruction.of(insn.opcode(), insn.dst(), insn.src(), insn.off(), (int) t.offset())
                : Instruction.of(insn.opcode(), insn.dst(), insn.src(), (int) t.offset(), insn.imm()));
    }
}
