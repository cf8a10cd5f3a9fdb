package org.binfmtbpf.verifier;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.program.Program;

/**
 * Which registers may still be read before being written, at each instruction (classic
 * backward dataflow within each function). State pruning compares only live registers: a
 * dead register's value cannot change what happens next. This plays the part of the
 * kernel's read marks, computed once up front instead of during exploration.
 */
final class Liveness {
    private static final int CALL_CLOBBERED = 0b111111; // r0-r5
    static final int CALLEE_SAVED = 0b1111000000;       // r6-r9
    private final int[] liveIn;

    private Liveness(int[] liveIn) {
        this.liveIn = liveIn;
    }

    /** Bit r set: register r may be read before written from {@code pc} on. */
    int liveIn(int pc) {
        return liveIn[pc];
    }

    static Liveness compute(Program p, ControlFlow cf) {
        int n = p.length();
        int[] use = new int[n];
        int[] def = new int[n];
        for (int pc = 0; pc < n; pc++) {
            if (!cf.secondSlot[pc]) {
                useDef(p, p.insn(pc), pc, use, def);
            }
        }
        int[] in = new int[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pc = n - 1; pc >= 0; pc--) {
                if (cf.secondSlot[pc]) {
                    continue;
                }
                Instruction insn = p.insn(pc);
                int out = 0;
                if (!InsnKind.isExit(insn)) {
                    if (InsnKind.isJa(insn)) {
                        out = in[InsnKind.jumpTarget(insn, pc)];
                    } else {
                        int next = pc + insn.slots();
                        if (next < n) {
                            out = in[next];
                        }
                        if (InsnKind.isConditional(insn)) {
                            out |= in[InsnKind.jumpTarget(insn, pc)];
                        }
                    }
                }
                int v = use[pc] | (out & ~def[pc]);
                if (v != in[pc]) {
                    in[pc] = v;
                    changed = true;
                }
            }
        }
        return new Liveness(in);
    }

    private static int bit(int r) {
        return 1 << r;
    }

    private static void useDef(Program p, Instruction i, int pc, int[] use, int[] def) {
        int cls = i.cls();
        int op = Opcodes.aluOp(i.opcode());
        boolean x = Opcodes.source(i.opcode()) == Opcodes.SRC_X;
        switch (cls) {
            case Opcodes.CLASS_ALU, Opcodes.CLASS_ALU64 -> {
                if (op == Opcodes.ALU_MOV) {
                    use[pc] = x ? bit(i.src()) : 0;
                } else {
                    use[pc] = bit(i.dst()) | (x && op != Opcodes.ALU_NEG && op != Opcodes.ALU_END ? bit(i.src()) : 0);
                }
                def[pc] = bit(i.dst());
            }
            case Opcodes.CLASS_LDX -> {
                use[pc] = bit(i.src());
                def[pc] = bit(i.dst());
            }
            case Opcodes.CLASS_ST -> use[pc] = bit(i.dst());
            case Opcodes.CLASS_STX -> {
                use[pc] = bit(i.dst()) | bit(i.src());
                if (Opcodes.mode(i.opcode()) == Opcodes.MODE_ATOMIC) {
                    if (i.imm() == Opcodes.ATOMIC_CMPXCHG) {
                        use[pc] |= bit(0);
                        def[pc] = bit(0);
                    } else if ((i.imm() & Opcodes.ATOMIC_FETCH) != 0) {
                        def[pc] = bit(i.src());
                    }
                }
            }
            case Opcodes.CLASS_LD -> {
                if (i.isLdImm64()) {
                    def[pc] = bit(i.dst());
                } else { // LD_ABS / LD_IND
                    use[pc] = bit(6) | (Opcodes.mode(i.opcode()) == Opcodes.MODE_IND ? bit(i.src()) : 0);
                    def[pc] = CALL_CLOBBERED;
                }
            }
            default -> { // JMP, JMP32
                if (InsnKind.isExit(i)) {
                    use[pc] = bit(0);
                } else if (InsnKind.isCall(i)) {
                    use[pc] = argumentsOf(p, i);
                    def[pc] = CALL_CLOBBERED;
                } else if (InsnKind.isConditional(i)) {
                    use[pc] = bit(i.dst()) | (x ? bit(i.src()) : 0);
                }
            }
        }
    }

    /** The argument registers a call reads: by prototype for known helpers, r1-r5 otherwise. */
    private static int argumentsOf(Program p, Instruction i) {
        if (i.src() == Opcodes.CALL_HELPER && p.helpers() != null) {
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
        return 0b111110;
    }
}
