package org.binfmtbpf.isa;

/**
 * Jump and function-boundary rules of the kernel's check_subprogs and check_cfg: a jump
 * stays inside its function ("jump out of range"), never lands in the second slot of
 * LD_IMM64, every function's last slot is exit or an unconditional jump ("last insn is
 * not an exit or jmp"), so execution cannot run off the end of a function, and every
 * instruction is reachable from the entry ("unreachable insn").
 */
final class ControlFlowChecker {
    private ControlFlowChecker() {}

    static void check(Instruction[] slots, boolean[] second, int[] starts) {
        for (int f = 0; f < starts.length; f++) {
            int start = starts[f];
            int end = f + 1 < starts.length ? starts[f + 1] : slots.length;
            for (int i = start; i < end; i++) {
                if (!second[i] && JumpTarget.isJump(slots[i])) {
                    checkTarget(slots, second, i, start, end);
                }
            }
            checkLast(slots, second, start, end);
        }
        checkReachable(slots, second);
    }

    /**
     * Walks the control flow from slot 0 as check_cfg does: fall through (over both slots of
     * LD_IMM64), jump targets, both ways of a conditional jump, and for a local call or a
     * function address (LD_IMM64 src 4) the callee as well as the next instruction. Exit ends
     * a path. Runs after the other checks, so every target is a valid slot.
     */
    private static void checkReachable(Instruction[] slots, boolean[] second) {
        boolean[] reached = new boolean[slots.length];
        int[] work = new int[slots.length];
        int pending = 0;
        reached[0] = true;
        work[pending++] = 0;
        while (pending > 0) {
            int i = work[--pending];
            for (long next : successors(slots[i], i)) {
                if (next < slots.length && !reached[(int) next]) {
                    reached[(int) next] = true;
                    work[pending++] = (int) next;
                }
            }
        }
        for (int i = 0; i < slots.length; i++) {
            if (!reached[i] && !second[i]) {
                throw new InvalidProgramException(i, slots[i], "unreachable instruction: no path from the entry leads here");
            }
        }
    }

    private static long[] successors(Instruction insn, int i) {
        int op = insn.opcode();
        if (insn.isLdImm64()) {
            return insn.src() == Opcodes.PSEUDO_FUNC ? new long[] {i + 2, (long) i + 1 + insn.imm()} : new long[] {i + 2};
        }
        if (op == (Opcodes.CLASS_JMP | Opcodes.JMP_EXIT)) {
            return new long[0];
        }
        if (op == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_LOCAL) {
            return new long[] {i + 1, (long) i + 1 + insn.imm()};
        }
        if (!JumpTarget.isJump(insn)) {
            return new long[] {i + 1};
        }
        boolean unconditional = Opcodes.aluOp(op) == Opcodes.JMP_JA;
        return unconditional ? new long[] {JumpTarget.of(i, insn)} : new long[] {i + 1, JumpTarget.of(i, insn)};
    }

    private static void checkTarget(Instruction[] slots, boolean[] second, int i, int start, int end) {
        long target = JumpTarget.of(i, slots[i]);
        if (target < start || target >= end) {
            String where = start == 0 && end == slots.length
                    ? "the program (slots 0.." + (end - 1) + ")"
                    : "its function (slots " + start + ".." + (end - 1) + ")";
            throw new InvalidProgramException(i, slots[i], "jump out of range: target " + target + " is outside " + where);
        }
        if (second[(int) target]) {
            throw new InvalidProgramException(i, slots[i],
                    "jump into the second slot of the LD_IMM64 at " + (target - 1));
        }
    }

    private static void checkLast(Instruction[] slots, boolean[] second, int start, int end) {
        int last = end - 1;
        Instruction insn = slots[last];
        int op = insn.opcode();
        boolean endsFlow = !second[last] && (op == (Opcodes.CLASS_JMP | Opcodes.JMP_EXIT)
                || op == (Opcodes.CLASS_JMP | Opcodes.JMP_JA) || op == (Opcodes.CLASS_JMP32 | Opcodes.JMP_JA));
        if (!endsFlow) {
            String function = start != 0 ? "the function at " + start
                    : end == slots.length ? "the program" : "the main function (slots 0.." + last + ")";
            throw new InvalidProgramException(last, insn,
                    "the last slot of " + function + " is not exit or ja: execution can fall off its end");
        }
    }
}
