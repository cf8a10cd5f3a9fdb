package org.binfmtbpf.program;

import java.util.ArrayDeque;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.run.Invocation;

/**
 * How many bytes below its frame pointer one function touches: the kernel's per-function
 * {@code stack_depth}, found by a forward data-flow analysis over the function's
 * instructions (a small cousin of the kernel verifier's register tracking).
 *
 * <p>Each register r0-r9 holds either a scalar in a signed range, or r10 plus an offset in a
 * range ({@link RegisterRanges}). Constants, masks, shifts, packet and memory loads, and
 * conditional jumps against constants bound scalars; a stack pointer plus a bounded scalar
 * stays a stack pointer with a bounded offset, so {@code buf[i & 15]} and loops over a stack
 * array with an index checked against a constant have a precise depth. The depth is the
 * lowest byte that an access through a stack pointer reaches, or that a stack pointer handed
 * to a helper, a callee or memory starts at (the receiver may use it up to r10). A stack
 * pointer whose offset cannot be bounded makes the depth {@link Invocation#STACK_SIZE}.
 *
 * <p>Engines enforce the frame floor at run time, so an under-estimate can only turn into a
 * fault, never into one frame overwriting another.
 */
final class StackUsage {
    private static final int MAX = Invocation.STACK_SIZE;
    /** After this many changes of the state at one instruction, growing bounds jump to their limit. */
    private static final int WIDEN_AFTER = 16;

    private final Instruction[] insns;
    private final int start;
    private final int end;
    private final RegisterRanges[] in;
    private final int[] changes;
    private final long[] thresholds;
    private int depth;

    private StackUsage(Instruction[] insns, int start, int end) {
        this.insns = insns;
        this.start = start;
        this.end = end;
        this.in = new RegisterRanges[end - start];
        this.changes = new int[end - start];
        this.thresholds = thresholds(insns, start, end);
    }

    /** The constants the function's jumps compare against, and their neighbours, sorted: where widening stops. */
    private static long[] thresholds(Instruction[] insns, int start, int end) {
        java.util.TreeSet<Long> values = new java.util.TreeSet<>();
        for (int pc = start; pc < end; pc += insns[pc].slots()) {
            Instruction insn = insns[pc];
            boolean conditional = Opcodes.cls(insn.opcode()) == Opcodes.CLASS_JMP && Opcodes.source(insn.opcode()) == Opcodes.SRC_K
                    && Opcodes.aluOp(insn.opcode()) != Opcodes.JMP_JA && Opcodes.aluOp(insn.opcode()) != Opcodes.JMP_CALL
                    && Opcodes.aluOp(insn.opcode()) != Opcodes.JMP_EXIT;
            if (conditional) {
                values.add((long) insn.imm() - 1);
                values.add((long) insn.imm());
                values.add((long) insn.imm() + 1);
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bytes of stack (0..512, not rounded) the function in slots {@code [start, end)} uses. */
    static int of(Instruction[] insns, int start, int end) {
        StackUsage analysis = new StackUsage(insns, start, end);
        analysis.run();
        return Math.min(analysis.depth, MAX);
    }

    private void run() {
        ArrayDeque<Integer> work = new ArrayDeque<>();
        merge(start, RegisterRanges.entry(), work);
        while (!work.isEmpty() && depth < MAX) {
            int pc = work.poll();
            step(pc, in[pc - start].copy(), work);
        }
    }

    private void step(int pc, RegisterRanges s, ArrayDeque<Integer> work) {
        Instruction insn = insns[pc];
        switch (Opcodes.cls(insn.opcode())) {
            case Opcodes.CLASS_ALU64 -> s.alu64(insn);
            case Opcodes.CLASS_ALU -> s.alu32(insn);
            case Opcodes.CLASS_LDX -> {
                use(s, insn.src(), insn.off());
                s.loaded(insn.dst(), Opcodes.sizeBytes(insn.opcode()), Opcodes.mode(insn.opcode()) == Opcodes.MODE_MEMSX);
            }
            case Opcodes.CLASS_ST -> use(s, insn.dst(), insn.off());
            case Opcodes.CLASS_STX -> stx(insn, s);
            case Opcodes.CLASS_LD -> {
                if (insn.isLdImm64()) {
                    s.setScalar(insn.dst(), insn.imm64(), insn.imm64());
                } else {
                    s.setScalar(0, 0, 0xffffffffL); // LD_ABS / LD_IND
                }
            }
            default -> {
                jump(pc, insn, s, work);
                return;
            }
        }
        merge(pc + insn.slots(), s, work);
    }

    private void stx(Instruction insn, RegisterRanges s) {
        use(s, insn.dst(), insn.off());
        escape(s, insn.src());
        if (Opcodes.mode(insn.opcode()) == Opcodes.MODE_ATOMIC) {
            if (insn.imm() == Opcodes.ATOMIC_CMPXCHG) {
                s.setUnknown(0);
            } else if ((insn.imm() & Opcodes.ATOMIC_FETCH) != 0) {
                s.setUnknown(insn.src());
            }
        }
    }

    private void jump(int pc, Instruction insn, RegisterRanges s, ArrayDeque<Integer> work) {
        int op = Opcodes.aluOp(insn.opcode());
        boolean jmp32 = Opcodes.cls(insn.opcode()) == Opcodes.CLASS_JMP32;
        if (op == Opcodes.JMP_EXIT) {
            return;
        }
        if (op == Opcodes.JMP_CALL) {
            for (int r = 1; r <= 5; r++) {
                escape(s, r);
            }
            for (int r = 0; r <= 5; r++) {
                s.setUnknown(r);
            }
            merge(pc + 1, s, work);
            return;
        }
        if (op == Opcodes.JMP_JA) {
            merge(pc + 1 + (jmp32 ? insn.imm() : insn.off()), s, work);
            return;
        }
        RegisterRanges taken = s.copy();
        if (!jmp32) {
            boolean reg = Opcodes.source(insn.opcode()) == Opcodes.SRC_X;
            Long constant = reg ? s.constant(insn.src()) : Long.valueOf(insn.imm());
            if (constant != null) {
                boolean takenFeasible = taken.refine(insn.dst(), op, constant, true);
                boolean fallFeasible = s.refine(insn.dst(), op, constant, false);
                if (fallFeasible) {
                    merge(pc + 1, s, work);
                }
                if (takenFeasible) {
                    merge(pc + 1 + insn.off(), taken, work);
                }
                return;
            }
        }
        merge(pc + 1, s, work);
        merge(pc + 1 + insn.off(), taken, work);
    }

    /** An access at [reg + off, ...): the frame must reach down to the lowest such address. */
    private void use(RegisterRanges s, int reg, int off) {
        if (s.isStack(reg)) {
            long lo = s.lo(reg);
            depth = (int) Math.max(depth, lo <= -MAX ? MAX : Math.min(MAX, -(lo + off)));
        }
    }

    /** A stack pointer leaving the function's registers: whoever receives it may use it up to r10. */
    private void escape(RegisterRanges s, int reg) {
        if (s.isStack(reg)) {
            depth = (int) Math.max(depth, Math.min(MAX, -s.lo(reg)));
        }
    }

    private void merge(int pc, RegisterRanges s, ArrayDeque<Integer> work) {
        if (pc < start || pc >= end) {
            return; // the validator refuses such edges; nothing to analyse
        }
        int i = pc - start;
        if (in[i] == null) {
            in[i] = s;
            work.add(pc);
        } else if (in[i].join(s, ++changes[i] > WIDEN_AFTER, thresholds)) {
            work.add(pc);
        }
    }
}
