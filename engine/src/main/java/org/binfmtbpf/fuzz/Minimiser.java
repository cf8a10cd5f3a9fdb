package org.binfmtbpf.fuzz;

import static org.binfmtbpf.isa.Opcodes.CALL_LOCAL;
import static org.binfmtbpf.isa.Opcodes.CLASS_JMP;
import static org.binfmtbpf.isa.Opcodes.CLASS_JMP32;
import static org.binfmtbpf.isa.Opcodes.JMP_CALL;
import static org.binfmtbpf.isa.Opcodes.JMP_EXIT;
import static org.binfmtbpf.isa.Opcodes.JMP_JA;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.binfmtbpf.isa.Instruction;

/**
 * Shrinks a failing case while {@code stillFails} holds: first replaces instructions by
 * no-ops ({@code ja +0}, an LD_IMM64 by two; an instruction with its successor when alone
 * it cannot go, as a branch and the exit it skips), then deletes the no-ops (moving every jump and
 * local call that crosses one), then shrinks immediates and offsets towards 0 and 1. Each
 * pass repeats until nothing more can go; exits stay, so the program keeps its shape.
 */
public final class Minimiser {
    private static final Instruction NOP = Instruction.of(CLASS_JMP | JMP_JA, 0, 0, 0, 0);
    private final Predicate<FuzzCase> stillFails;
    private int attempts;
    private final int maxAttempts;

    public Minimiser(Predicate<FuzzCase> stillFails, int maxAttempts) {
        this.stillFails = stillFails;
        this.maxAttempts = maxAttempts;
    }

    public FuzzCase minimise(FuzzCase failing) {
        FuzzCase best = failing;
        boolean progress = true;
        while (progress && attempts < maxAttempts) {
            progress = false;
            FuzzCase next = nopOut(best);
            next = deleteNops(next);
            next = shrinkImmediates(next);
            if (next.slots().length < best.slots().length || !Arrays.equals(next.slots(), best.slots())) {
                progress = true;
                best = next;
            }
        }
        return best;
    }

    private boolean tryCase(FuzzCase candidate) {
        if (attempts >= maxAttempts) {
            return false;
        }
        attempts++;
        try {
            return stillFails.test(candidate);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private FuzzCase nopOut(FuzzCase c) {
        Instruction[] slots = c.slots().clone();
        for (int pc = slots.length - 1; pc >= 0; pc--) {
            Instruction insn = slots[pc];
            if (insn.equals(NOP) || insn.opcode() == (CLASS_JMP | JMP_EXIT) || isSecondSlot(slots, pc)) {
                continue;
            }
            Instruction[] trial = slots.clone();
            trial[pc] = NOP;
            if (insn.isLdImm64()) {
                trial[pc + 1] = NOP;
            }
            if (tryCase(c.withSlots(trial))) {
                slots = trial;
            } else if (pc + insn.slots() < slots.length && !insn.isLdImm64() && !slots[pc + 1].isLdImm64()) {
                // a branch and the exit it skips only go together: either alone leaves dead code
                trial[pc + 1] = NOP;
                if (tryCase(c.withSlots(trial))) {
                    slots = trial;
                }
            }
        }
        return c.withSlots(slots);
    }

    private FuzzCase deleteNops(FuzzCase c) {
        Instruction[] slots = c.slots();
        for (int pc = slots.length - 1; pc >= 0; pc--) {
            if (pc < slots.length && slots[pc].equals(NOP) && !isSecondSlot(slots, pc)) {
                Instruction[] trial = delete(slots, pc);
                if (trial != null && tryCase(c.withSlots(trial))) {
                    slots = trial;
                }
            }
        }
        return c.withSlots(slots);
    }

    private FuzzCase shrinkImmediates(FuzzCase c) {
        Instruction[] slots = c.slots().clone();
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = slots[pc];
            if (isSecondSlot(slots, pc) || insn.isLdImm64() || jumpsViaOff(insn) || jumpsViaImm(insn)) {
                continue;
            }
            for (int imm : new int[] {0, 1, insn.imm() / 2}) {
                if (imm == insn.imm()) {
                    break;
                }
                Instruction[] trial = slots.clone();
                trial[pc] = new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.off(), imm, 0);
                if (tryCase(c.withSlots(trial))) {
                    slots = trial;
                    break;
                }
            }
        }
        return c.withSlots(slots);
    }

    /** The slots without {@code at}, every crossing jump one shorter; null if a jump targets it from a way that cannot move. */
    static Instruction[] delete(Instruction[] slots, int at) {
        List<Instruction> out = new ArrayList<>();
        for (int pc = 0; pc < slots.length; pc++) {
            if (pc == at) {
                continue;
            }
            Instruction insn = slots[pc];
            if (!isSecondSlot(slots, pc) && (jumpsViaOff(insn) || jumpsViaImm(insn))) {
                int delta = jumpsViaOff(insn) ? insn.off() : insn.imm();
                int target = pc + 1 + delta;
                int newPc = pc > at ? pc - 1 : pc;
                int newTarget = target > at ? target - 1 : target;
                int newDelta = newTarget - (newPc + 1);
                insn = jumpsViaOff(insn)
                        ? new Instruction(insn.opcode(), insn.dst(), insn.src(), (short) newDelta, insn.imm(), 0)
                        : new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.off(), newDelta, 0);
            }
            out.add(insn);
        }
        return out.toArray(new Instruction[0]);
    }

    private static boolean isSecondSlot(Instruction[] slots, int pc) {
        for (int p = 0; p < slots.length; p += slots[p].slots()) {
            if (p == pc) {
                return false;
            }
            if (p > pc) {
                break;
            }
        }
        return true;
    }

    private static boolean jumpsViaOff(Instruction insn) {
        int cls = insn.opcode() & 0x07;
        int op = insn.opcode() & 0xf0;
        if (cls == CLASS_JMP) {
            return op != JMP_CALL && op != JMP_EXIT;
        }
        return cls == CLASS_JMP32 && op != JMP_JA && op != JMP_CALL && op != JMP_EXIT;
    }

    private static boolean jumpsViaImm(Instruction insn) {
        return insn.opcode() == (CLASS_JMP32 | JMP_JA) || insn.opcode() == (CLASS_JMP | JMP_CALL) && insn.src() == CALL_LOCAL;
    }
}
