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
}
