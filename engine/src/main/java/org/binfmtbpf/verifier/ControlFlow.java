package org.binfmtbpf.verifier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.Subprogram;

/**
 * The static checks on the shape of the program, before any path is explored (the kernel's
 * check_subprogs and check_cfg): every jump lands on an instruction of its own function and
 * not inside an LD_IMM64, every call lands on the start of a function, every function ends in
 * exit or a jump, every instruction is reachable. It also marks the prune points: where paths
 * meet, so where a saved state can cut exploration short.
 */
final class ControlFlow {
    final boolean[] secondSlot;
    final boolean[] prunePoint;
    final int[] functionOf;

    private ControlFlow(int n) {
        secondSlot = new boolean[n];
        prunePoint = new boolean[n];
        functionOf = new int[n];
    }

    static ControlFlow check(Program p) {
        int n = p.length();
        if (n == 0) {
            throw Rejection.at(0, "empty program");
        }
        ControlFlow cf = new ControlFlow(n);
        List<Subprogram> fns = p.functions();
        if (fns.isEmpty() || fns.get(0).start() != 0) {
            throw Rejection.at(0, "the main program must start at insn 0");
        }
        java.util.Arrays.fill(cf.functionOf, -1);
        for (int f = 0; f < fns.size(); f++) {
            Subprogram s = fns.get(f);
            for (int pc = s.start(); pc < s.end() && pc < n; pc++) {
                cf.functionOf[pc] = f;
            }
        }
        for (int pc = 0; pc < n; pc++) {
            if (cf.functionOf[pc] < 0) {
                throw Rejection.at(pc, "insn %d is in no function", pc);
            }
        }
        for (int pc = 0; pc < n; pc++) {
            Instruction insn = p.insn(pc);
            if (insn.isLdImm64()) {
                if (pc + 1 >= n || cf.functionOf[pc + 1] != cf.functionOf[pc] || !isEmptySecondSlot(p.insn(pc + 1))) {
                    throw Rejection.at(pc, "invalid bpf_ld_imm64 insn");
                }
                cf.secondSlot[pc + 1] = true;
                pc++;
            }
        }
        for (Subprogram s : fns) {
            int last = s.end() - 1;
            Instruction insn = p.insn(last);
            if (cf.secondSlot[last] || !(InstructionKind.isExit(insn) || InstructionKind.isJa(insn))) {
                throw Rejection.at(last, "last insn is not an exit or jmp");
            }
        }
        for (int pc = 0; pc < n; pc++) {
            if (cf.secondSlot[pc]) {
                continue;
            }
            Instruction insn = p.insn(pc);
            if (InstructionKind.isLocalCall(insn)) {
                int t = InstructionKind.callTarget(insn, pc);
                if (t < 0 || t >= n || fnStartIndex(fns, t) < 0) {
                    throw Rejection.at(pc, "call to invalid destination %d", t);
                }
                cf.prunePoint[pc + 1 < n ? pc + 1 : pc] = true;
            } else if (InstructionKind.isJa(insn) || InstructionKind.isConditional(insn)) {
                int t = InstructionKind.jumpTarget(insn, pc);
                if (t < 0 || t >= n || cf.functionOf[t] != cf.functionOf[pc]) {
                    throw Rejection.at(pc, "jump out of range from insn %d to %d", pc, t);
                }
                if (cf.secondSlot[t]) {
                    throw Rejection.at(pc, "jump into the middle of ldimm64 insn %d", t - 1);
                }
                cf.prunePoint[t] = true;
                if (InstructionKind.isConditional(insn)) {
                    cf.prunePoint[pc + 1] = true;
                }
            }
        }
        cf.checkReachable(p, fns);
        return cf;
    }

    private static boolean isEmptySecondSlot(Instruction i) {
        return i.opcode() == 0 && i.dst() == 0 && i.src() == 0 && i.off() == 0;
    }

    private static int fnStartIndex(List<Subprogram> fns, int pc) {
        for (int f = 0; f < fns.size(); f++) {
            if (fns.get(f).start() == pc) {
                return f;
            }
        }
        return -1;
    }

    /** Depth-first walk from insn 0 following jumps, fall-throughs and calls. */
    private void checkReachable(Program p, List<Subprogram> fns) {
        int n = p.length();
        boolean[] seen = new boolean[n];
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(0);
        seen[0] = true;
        while (!todo.isEmpty()) {
            int pc = todo.pop();
            Instruction insn = p.insn(pc);
            int next = pc + insn.slots();
            if (InstructionKind.isExit(insn)) {
                continue;
            }
            if (InstructionKind.isJa(insn)) {
                visit(seen, todo, InstructionKind.jumpTarget(insn, pc));
                continue;
            }
            if (InstructionKind.isConditional(insn)) {
                visit(seen, todo, InstructionKind.jumpTarget(insn, pc));
            }
            if (InstructionKind.isLocalCall(insn)) {
                visit(seen, todo, InstructionKind.callTarget(insn, pc));
            }
            if (insn.isLdImm64() && insn.src() == Opcodes.PSEUDO_FUNC) { // a callback: reached through a helper
                visit(seen, todo, InstructionKind.callTarget(insn, pc));
            }
            visit(seen, todo, next);
        }
        for (int pc = 0; pc < n; pc++) {
            if (!seen[pc] && !secondSlot[pc]) {
                throw Rejection.at(pc, "unreachable insn %d", pc);
            }
        }
    }

    private static void visit(boolean[] seen, Deque<Integer> todo, int pc) {
        if (pc < seen.length && !seen[pc]) {
            seen[pc] = true;
            todo.push(pc);
        }
    }

    static boolean isLdAbsOrInd(Instruction i) {
        int mode = Opcodes.mode(i.opcode());
        return Opcodes.cls(i.opcode()) == Opcodes.CLASS_LD && (mode == Opcodes.MODE_ABS || mode == Opcodes.MODE_IND);
    }
}
