package org.binfmtbpf.program;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.run.Invocation;

/**
 * How many bytes below its frame pointer one function touches: the kernel's per-function
 * {@code stack_depth}, found by a small forward data-flow analysis.
 *
 * <p>Each register r0-r9 is either not derived from r10, or r10 plus an offset in a known
 * range. r10 + constant survives MOV, ADD and SUB of constants. The depth is the largest
 * distance below r10 that an access through such a register reaches, or that a pointer
 * handed to a helper, to a callee or to memory starts at (the callee may use it up to r10).
 * A pointer whose offset cannot be bounded (r10 plus a variable, any other arithmetic, a
 * loop moving a pointer downwards) makes the depth {@link Invocation#STACK_SIZE}, the kernel's
 * limit: the analysis tracks no scalar ranges, unlike the kernel's verifier, so such a
 * function cannot also call functions whose frames need room.
 *
 * <p>This never makes a program unsafe: engines enforce the frame floor at run time, so an
 * access below the frame this analysis computed faults instead of reaching another frame.
 */
final class StackUsage {
    private static final int MAX = Invocation.STACK_SIZE;
    /** Marks a register that does not hold r10 + offset. */
    private static final int NOT_FP = Integer.MIN_VALUE;
    private static final int REGS = 10;

    private final Instruction[] insns;
    private final int start;
    private final int end;
    /** Per instruction, per register r0-r9: the low and high offset from r10, or NOT_FP; null until reached. */
    private final int[][] in;
    private int depth;

    private StackUsage(Instruction[] insns, int start, int end) {
        this.insns = insns;
        this.start = start;
        this.end = end;
        this.in = new int[end - start][];
    }

    /** Bytes of stack (0..512, not rounded) the function in slots {@code [start, end)} uses. */
    static int of(Instruction[] insns, int start, int end) {
        StackUsage analysis = new StackUsage(insns, start, end);
        analysis.run();
        return Math.min(analysis.depth, MAX);
    }

    private void run() {
        int[] entry = new int[2 * REGS];
        Arrays.fill(entry, NOT_FP);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        merge(start, entry, work);
        while (!work.isEmpty() && depth < MAX) {
            int pc = work.poll();
            step(pc, in[pc - start].clone(), work);
        }
    }

    private void step(int pc, int[] s, ArrayDeque<Integer> work) {
        Instruction insn = insns[pc];
        int op = insn.opcode();
        int cls = Opcodes.cls(op);
        switch (cls) {
            case Opcodes.CLASS_ALU64 -> alu64(insn, s);
            case Opcodes.CLASS_ALU -> setScalar(s, insn.dst());
            case Opcodes.CLASS_LDX -> {
                use(s, insn.src(), insn.off());
                setScalar(s, insn.dst());
            }
            case Opcodes.CLASS_ST -> use(s, insn.dst(), insn.off());
            case Opcodes.CLASS_STX -> stx(insn, s);
            case Opcodes.CLASS_LD -> setScalar(s, insn.isLdImm64() ? insn.dst() : 0);
            default -> {
                jump(pc, insn, s, work);
                return;
            }
        }
        merge(pc + insn.slots(), s, work);
    }

    private void alu64(Instruction insn, int[] s) {
        int dst = insn.dst();
        int aluOp = Opcodes.aluOp(insn.opcode());
        boolean reg = Opcodes.source(insn.opcode()) == Opcodes.SRC_X;
        if (aluOp == Opcodes.ALU_MOV) {
            if (reg && insn.off() == 0) {
                set(s, dst, lo(s, insn.src()), hi(s, insn.src()));
            } else {
                setScalar(s, dst);
            }
            return;
        }
        boolean dstFp = lo(s, dst) != NOT_FP;
        boolean srcFp = reg && lo(s, insn.src()) != NOT_FP;
        if (!dstFp && !srcFp) {
            return; // scalar arithmetic
        }
        boolean constant = !reg && (aluOp == Opcodes.ALU_ADD || aluOp == Opcodes.ALU_SUB);
        if (constant) {
            long delta = aluOp == Opcodes.ALU_ADD ? insn.imm() : -(long) insn.imm();
            set(s, dst, clamp(lo(s, dst) + delta), clamp(hi(s, dst) + delta));
        } else if (aluOp == Opcodes.ALU_SUB && dstFp && srcFp) {
            setScalar(s, dst); // the distance between two stack pointers
        } else {
            set(s, dst, -MAX, MAX); // a stack pointer moved by an unknown amount
        }
    }

    private void stx(Instruction insn, int[] s) {
        use(s, insn.dst(), insn.off());
        escape(s, insn.src());
        if (Opcodes.mode(insn.opcode()) == Opcodes.MODE_ATOMIC) {
            if (insn.imm() == Opcodes.ATOMIC_CMPXCHG) {
                setScalar(s, 0);
            } else if ((insn.imm() & Opcodes.ATOMIC_FETCH) != 0) {
                setScalar(s, insn.src());
            }
        }
    }

    private void jump(int pc, Instruction insn, int[] s, ArrayDeque<Integer> work) {
        int op = insn.opcode();
        int jmpOp = Opcodes.aluOp(op);
        boolean jmp32 = Opcodes.cls(op) == Opcodes.CLASS_JMP32;
        if (jmpOp == Opcodes.JMP_EXIT) {
            return;
        }
        if (jmpOp == Opcodes.JMP_CALL) {
            for (int r = 1; r <= 5; r++) {
                escape(s, r);
            }
            for (int r = 0; r <= 5; r++) {
                setScalar(s, r);
            }
            merge(pc + 1, s, work);
            return;
        }
        if (jmpOp == Opcodes.JMP_JA) {
            merge(pc + 1 + (jmp32 ? insn.imm() : insn.off()), s, work);
            return;
        }
        merge(pc + 1, s, work);
        merge(pc + 1 + insn.off(), s.clone(), work);
    }

    /** An access at [reg + off, ...): the frame must reach down to the lowest such address. */
    private void use(int[] s, int reg, int off) {
        int lo = lo(s, reg);
        if (lo != NOT_FP) {
            depth = Math.max(depth, lo == -MAX ? MAX : -(lo + off));
        }
    }

    /** A stack pointer leaving the function's registers: whoever receives it may use it up to r10. */
    private void escape(int[] s, int reg) {
        if (lo(s, reg) != NOT_FP) {
            depth = Math.max(depth, -lo(s, reg));
        }
    }

    /** Joins {@code s} into the state at {@code pc}, widening ranges that grow so loops terminate. */
    private void merge(int pc, int[] s, ArrayDeque<Integer> work) {
        if (pc < start || pc >= end) {
            return; // the validator refuses such edges; nothing to analyse
        }
        int[] old = in[pc - start];
        if (old == null) {
            in[pc - start] = s;
            work.add(pc);
            return;
        }
        boolean changed = false;
        for (int r = 0; r < REGS; r++) {
            int lo = s[2 * r];
            if (lo == NOT_FP) {
                continue; // a scalar on this path uses no stack through r
            }
            if (old[2 * r] == NOT_FP) {
                old[2 * r] = lo;
                old[2 * r + 1] = s[2 * r + 1];
                changed = true;
                continue;
            }
            if (lo < old[2 * r]) {
                old[2 * r] = -MAX;
                changed = true;
            }
            if (s[2 * r + 1] > old[2 * r + 1]) {
                old[2 * r + 1] = MAX;
                changed = true;
            }
        }
        if (changed) {
            work.add(pc);
        }
    }

    private static int lo(int[] s, int reg) {
        return reg == 10 ? 0 : s[2 * reg];
    }

    private static int hi(int[] s, int reg) {
        return reg == 10 ? 0 : s[2 * reg + 1];
    }

    private static void set(int[] s, int reg, int lo, int hi) {
        if (reg < REGS) {
            s[2 * reg] = lo;
            s[2 * reg + 1] = hi;
        }
    }

    private static void setScalar(int[] s, int reg) {
        set(s, reg, NOT_FP, NOT_FP);
    }

    private static int clamp(long offset) {
        return (int) Math.max(-MAX, Math.min(MAX, offset));
    }
}
