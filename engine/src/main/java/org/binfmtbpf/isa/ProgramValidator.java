package org.binfmtbpf.isa;

import java.util.TreeSet;

/**
 * The checks the kernel makes on a program before it verifies any path through it
 * (kernel/bpf/verifier.c: resolve_pseudo_ldimm64, check_subprogs, check_cfg and the
 * reserved-field checks of do_check), applied to the slot form of a program:
 *
 * <ul>
 *   <li>the program has at least one instruction;</li>
 *   <li>every opcode is in {@link OpcodeTable} and every field obeys its form's rule
 *       (reserved fields zero, registers r0..r10, r10 never written);</li>
 *   <li>LD_IMM64 has a second slot whose opcode, registers and off are zero; with src 1 or 5
 *       (map by fd or index) the second imm is zero too;</li>
 *   <li>local calls and function addresses (LD_IMM64 src 4) target an instruction of the
 *       program, never the second slot of LD_IMM64;</li>
 *   <li>jumps stay inside their function and never land in the second slot of LD_IMM64;</li>
 *   <li>each function ends with exit or an unconditional jump, so no path falls off its end;</li>
 *   <li>every instruction is reachable from the entry.</li>
 * </ul>
 *
 * Deliberately accepted, although the kernel's verifier refuses them: division and modulo by
 * a constant zero and constant shifts of at least the operand width (RFC 9669 4.1 defines
 * their results and the conformance suite tests them), and callx (see {@link OpcodeTable}).
 * Refused although the kernel (6.18) loads it: may_goto (0xe5), a kernel extension outside
 * RFC 9669; and exit with a non-zero off, which RFC 9669 reserves and the conformance suite's
 * negative tests refuse, but the kernel's exit check does not look at.
 */
public final class ProgramValidator {
    private ProgramValidator() {}

    public static void validate(Instruction[] slots) {
        if (slots.length == 0) {
            throw InvalidProgramException.wholeProgram("the program has no instructions");
        }
        boolean[] second = secondSlots(slots);
        for (int i = 0; i < slots.length; i++) {
            if (!second[i]) {
                FormChecker.check(i, slots[i]);
            }
        }
        ControlFlowChecker.check(slots, second, functionStarts(slots, second));
    }

    /**
     * Where the functions of a program start: slot 0, every local call target and every
     * function whose address an LD_IMM64 with src 4 takes; sorted and distinct.
     */
    public static int[] functionStarts(Instruction[] slots) {
        return functionStarts(slots, secondSlots(slots));
    }

    private static int[] functionStarts(Instruction[] slots, boolean[] second) {
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (int i = 0; i < slots.length; i++) {
            Instruction insn = slots[i];
            if (second[i]) {
                continue;
            }
            boolean localCall = insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_LOCAL;
            boolean functionAddress = insn.isLdImm64() && insn.src() == Opcodes.PSEUDO_FUNC;
            if (localCall || functionAddress) {
                long target = (long) i + 1 + insn.imm();
                String what = localCall ? "call" : "function address";
                if (target < 0 || target >= slots.length) {
                    throw new InvalidProgramException(i, insn,
                            what + " to invalid destination " + target + " (the program has " + slots.length + " slots)");
                }
                if (second[(int) target]) {
                    throw new InvalidProgramException(i, insn,
                            what + " into the second slot of the LD_IMM64 at " + (target - 1));
                }
                starts.add((int) target);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Marks the second slot of each LD_IMM64 and checks the pairing: the kernel's
     * "invalid bpf_ld_imm64 insn" and "unrecognized bpf_ld_imm64 insn".
     */
    private static boolean[] secondSlots(Instruction[] slots) {
        boolean[] second = new boolean[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Instruction insn = slots[i];
            if (!insn.isLdImm64()) {
                continue;
            }
            if (i == slots.length - 1) {
                throw new InvalidProgramException(i, insn, "LD_IMM64 is the last slot: its second slot is missing");
            }
            Instruction next = slots[i + 1];
            if (next.opcode() != 0 || next.dst() != 0 || next.src() != 0 || next.off() != 0) {
                throw new InvalidProgramException(i + 1, next,
                        "the second slot of the LD_IMM64 at " + i + " must have opcode, dst, src and off 0");
            }
            boolean mapHandle = insn.src() == Opcodes.PSEUDO_MAP_FD || insn.src() == Opcodes.PSEUDO_MAP_IDX;
            if (mapHandle && next.imm() != 0) {
                throw new InvalidProgramException(i + 1, next,
                        "the LD_IMM64 at " + i + " loads a map handle: its second imm is reserved and must be 0");
            }
            second[++i] = true;
        }
        return second;
    }
}
