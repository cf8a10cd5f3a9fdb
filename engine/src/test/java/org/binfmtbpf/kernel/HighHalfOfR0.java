package org.binfmtbpf.kernel;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/**
 * A program's twin that returns the high 32 bits of what the program returns: BPF_PROG_TEST_RUN
 * reports only the low 32 bits of r0, so the kernel answers for the other half through this
 * twin. Every {@code exit} of the main function becomes a jump to an epilogue
 * {@code r0 >>= 32; exit} inserted right after the main function; calls and function addresses
 * that cross the insertion point are moved with it (jumps never leave their function).
 */
final class HighHalfOfR0 {
    private static final int EPILOGUE = 2;

    private HighHalfOfR0() {}

    /** The twin of {@code slots} (as a program's slots, both of each LD_IMM64). */
    static Instruction[] of(Instruction[] slots) {
        int end = mainFunctionEnd(slots);
        Instruction[] twin = new Instruction[slots.length + EPILOGUE];
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = slots[pc];
            int at = moved(pc, end);
            if (pc < end && insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_EXIT)) {
                twin[at] = Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JA, 0, 0, offset(at, end), 0);
            } else if (targetsFunction(insn)) {
                int target = pc + 1 + insn.imm();
                twin[at] = new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.off(),
                        moved(target, end) - at - 1, insn.imm2());
            } else {
                twin[at] = insn;
            }
        }
        twin[end] = Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_RSH | Opcodes.SRC_K, 0, 0, 0, 32);
        twin[end + 1] = Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0);
        return twin;
    }

    /** One past the main function: the first callee's start, or the program's end. */
    private static int mainFunctionEnd(Instruction[] slots) {
        int end = slots.length;
        for (int pc = 0; pc < slots.length; pc++) {
            if (targetsFunction(slots[pc])) {
                int target = pc + 1 + slots[pc].imm();
                if (target > 0 && target < end) {
                    end = target;
                }
            }
        }
        return end;
    }

    /** A local call, or an LD_IMM64 of a function's address: both name pc + 1 + imm. */
    private static boolean targetsFunction(Instruction insn) {
        boolean localCall = insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_LOCAL;
        boolean functionAddress = insn.isLdImm64() && insn.src() == Opcodes.PSEUDO_FUNC;
        return localCall || functionAddress;
    }

    private static int moved(int pc, int end) {
        return pc < end ? pc : pc + EPILOGUE;
    }

    private static int offset(int from, int to) {
        int off = to - from - 1;
        if (off > Short.MAX_VALUE) {
            throw new IllegalArgumentException("main function too long for a 16-bit jump to its epilogue");
        }
        return off;
    }
}
