package org.binfmtbpf.program;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;

/**
 * Which registers may still be read before being written, at each instruction: classic
 * backward dataflow within each function (an exit ends a flow, a call continues at the next
 * instruction). What a call or LD_ABS reads and writes depends on whose {@link Rules} apply.
 * The verifier compares only live registers when it prunes states (the part the kernel's read
 * marks play, computed once up front); the JIT carries only live registers from one chunk
 * method to the next.
 */
public final class RegisterLiveness {
    /** r0-r5: what a call clobbers in the kernel's ABI. */
    private static final int CALL_CLOBBERED = 0b111111;
    /** r6-r9: what a call leaves to its caller in the kernel's ABI. */
    public static final int CALLEE_SAVED = 0b1111000000;
    private static final int HELPER_ARGUMENTS = 0b111110;   // r1-r5
    private static final int EVERY_REGISTER = 0b11111111111; // r0-r10

    /** Whose view of calls and LD_ABS / LD_IND decides what they read and write. */
    public enum Rules {
        /**
         * The kernel's, for a program the verifier accepts: a call and LD_ABS / LD_IND clobber
         * r0-r5, and a helper call reads the arguments of its prototype (a local call r1-r5).
         */
        KERNEL,
        /**
         * Our engines', for any program: a call or LD_ABS / LD_IND writes only r0 (r1-r5 keep
         * their values: {@code run.interp.Machine}); a helper call reads r1-r5 and, when it may
         * tail-call (helper 12, CALLX), every register, as does a local call, whose callee
         * starts with its caller's r0-r10.
         */
        ENGINES
    }

    private final int[] liveIn;

    private RegisterLiveness(int[] liveIn) {
        this.liveIn = liveIn;
    }

    /** Bit r set: register r may be read before written from {@code pc} on. */
    public int liveIn(int pc) {
        return liveIn[pc];
    }

    /** The liveness of every register at every instruction of a validated program (jump targets in range). */
    public static RegisterLiveness of(Program p, Rules rules) {
        int n = p.length();
        boolean[] secondSlot = new boolean[n];
        int[] use = new int[n];
        int[] def = new int[n];
        for (int pc = 0; pc < n; pc++) {
            if (secondSlot[pc]) {
                continue;
            }
            Instruction insn = p.insn(pc);
            if (insn.isLdImm64() && pc + 1 < n) {
                secondSlot[pc + 1] = true;
            }
            useDef(p, insn, rules, pc, use, def);
        }
        int[] in = new int[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pc = n - 1; pc >= 0; pc--) {
                if (secondSlot[pc]) {
                    continue;
                }
                int v = use[pc] | (liveOut(p.insn(pc), pc, in) & ~def[pc]);
                if (v != in[pc]) {
                    in[pc] = v;
                    changed = true;
                }
            }
        }
        return new RegisterLiveness(in);
    }

    private static int liveOut(Instruction insn, int pc, int[] in) {
        int next = pc + insn.slots() < in.length ? in[pc + insn.slots()] : 0;
        if (InstructionKind.isExit(insn)) {
            return 0;
        }
        if (InstructionKind.isJa(insn)) {
            return in[InstructionKind.jumpTarget(insn, pc)];
        }
        return InstructionKind.isConditional(insn) ? next | in[InstructionKind.jumpTarget(insn, pc)] : next;
    }

    private static int bit(int r) {
        return 1 << r;
    }

    private static void useDef(Program p, Instruction i, Rules rules, int pc, int[] use, int[] def) {
        int op = aluOp(i.opcode());
        boolean x = source(i.opcode()) == SRC_X;
        switch (i.cls()) {
            case CLASS_ALU, CLASS_ALU64 -> {
                if (op == ALU_MOV) {
                    use[pc] = x ? bit(i.src()) : 0;
                } else {
                    use[pc] = bit(i.dst()) | (x && op != ALU_NEG && op != ALU_END ? bit(i.src()) : 0);
                }
                def[pc] = bit(i.dst());
            }
            case CLASS_LDX -> {
                use[pc] = bit(i.src());
                def[pc] = bit(i.dst());
            }
            case CLASS_ST -> use[pc] = bit(i.dst());
            case CLASS_STX -> {
                use[pc] = bit(i.dst()) | bit(i.src());
                if (mode(i.opcode()) == MODE_ATOMIC) {
                    if (i.imm() == ATOMIC_CMPXCHG) {
                        use[pc] |= bit(0);
                        def[pc] = bit(0);
                    } else if ((i.imm() & ATOMIC_FETCH) != 0) {
                        def[pc] = bit(i.src());
                    }
                }
            }
            case CLASS_LD -> {
                if (i.isLdImm64()) {
                    def[pc] = bit(i.dst());
                } else { // LD_ABS / LD_IND
                    use[pc] = bit(6) | (mode(i.opcode()) == MODE_IND ? bit(i.src()) : 0);
                    def[pc] = rules == Rules.KERNEL ? CALL_CLOBBERED : bit(0);
                }
            }
            default -> { // JMP, JMP32
                if (op == JMP_EXIT) {
                    use[pc] = bit(0);
                } else if (op == JMP_CALL) {
                    use[pc] = rules == Rules.KERNEL ? kernelArguments(p, i) : engineArguments(i);
                    def[pc] = rules == Rules.KERNEL ? CALL_CLOBBERED : bit(0);
                } else if (op != JMP_JA) {
                    use[pc] = bit(i.dst()) | (x ? bit(i.src()) : 0);
                }
            }
        }
    }

    /** The argument registers a call reads for the kernel: by prototype for known helpers, r1-r5 otherwise. */
    private static int kernelArguments(Program p, Instruction i) {
        if (source(i.opcode()) == SRC_K && i.src() == CALL_HELPER && p.helpers() != null) {
            Helper h = p.helpers().get(i.imm());
            if (h != null) {
                int mask = 0;
                for (int a = 1; a <= 5; a++) {
                    if (h.prototype().arg(a) != ArgKind.NONE) {
                        mask |= bit(a);
                    }
                }
                return mask;
            }
        }
        return HELPER_ARGUMENTS;
    }

    /** What our engines hand a call: r1-r5 to a helper; everything to a callee or a possible tail call. */
    private static int engineArguments(Instruction i) {
        boolean callx = source(i.opcode()) == SRC_X;
        boolean helper = !callx && i.src() == CALL_HELPER;
        if (helper && i.imm() != StandardHelpers.TAIL_CALL || !callx && i.src() == CALL_KFUNC) {
            return HELPER_ARGUMENTS;
        }
        return EVERY_REGISTER; // a local call, CALLX (its id register among them) or bpf_tail_call
    }
}
