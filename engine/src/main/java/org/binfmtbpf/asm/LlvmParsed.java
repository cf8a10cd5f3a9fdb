package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;

/**
 * One assembled llvm statement: the instruction, and if its jump or call target is a label,
 * that label (resolved by {@link LlvmAssembler} after the last line) and whether the
 * relative offset goes into imm (gotol, call) or off.
 */
record LlvmParsed(Instruction insn, Operands.Target label, boolean targetInImm) {
    static LlvmParsed of(Instruction insn) {
        return new LlvmParsed(insn, null, false);
    }
}
