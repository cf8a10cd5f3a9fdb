package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.RegisterLiveness;
import org.binfmtbpf.program.Subprogram;

/**
 * How a program is laid out in JVM methods: one plan per BPF function, each either a single
 * method or a chunked one (see {@link FunctionPlan}). Also answers the whole-program
 * questions the generator asks: which slots start instructions, which start basic blocks.
 */
final class ProgramPlan {
    final Program program;
    final List<FunctionPlan> functions;
    /** True at the first slot of every instruction (false at the second slot of LD_IMM64). */
    final boolean[] instructionStart;
    /** True where a basic block starts: function entries, branch targets, after branches and calls. */
    final boolean[] blockStart;
    /** Index into {@link #functions} of the function containing each slot. */
    private final int[] functionOf;
    /** True when some helper call could be a tail call (helper 12 or CALLX). */
    final boolean mayTailCall;
    /** True when the program uses CALLX (needs the helper registry at run time). */
    final boolean usesCallx;
    /** True when a BPF-to-BPF call targets the main function (only unverified programs do). */
    final boolean mainCalledLocally;

    /** True when every instruction is preceded by a budget tick (larger code). */
    final boolean counted;
    /** Computed on first need: only chunked functions ask. */
    private RegisterLiveness liveness;

    private ProgramPlan(Program program, int chunkBudget, boolean counted) {
        this.counted = counted;
        this.program = program;
        int n = program.length();
        instructionStart = new boolean[n];
        blockStart = new boolean[n + 1];
        boolean tail = false;
        boolean callx = false;
        boolean callsMain = false;
        for (int pc = 0; pc < n; pc++) {
            Instruction insn = program.insn(pc);
            instructionStart[pc] = true;
            if (InstructionKind.isBranch(insn)) {
                int t = InstructionKind.jumpTarget(insn, pc);
                if (t >= 0 && t <= n) {
                    blockStart[t] = true;
                }
            }
            if (InstructionKind.isBranch(insn) || InstructionKind.isExit(insn) || InstructionKind.isCall(insn)) {
                blockStart[pc + 1] = true;
            }
            if (InstructionKind.isLocalCall(insn) && InstructionKind.callTarget(insn, pc) == 0) {
                callsMain = true;
            }
            if (InstructionKind.isCall(insn) && !InstructionKind.isLocalCall(insn)) {
                boolean isCallx = (insn.opcode() & org.binfmtbpf.isa.Opcodes.SRC_X) != 0;
                callx |= isCallx;
                tail |= isCallx || insn.imm() == StandardHelpers.TAIL_CALL;
            }
            if (insn.isLdImm64()) {
                pc++;
            }
        }
        mayTailCall = tail;
        usesCallx = callx;
        mainCalledLocally = callsMain;
        List<FunctionPlan> fs = new ArrayList<>();
        List<Subprogram> subs = functionsOf(program);
        functionOf = new int[n];
        for (int i = 0; i < subs.size(); i++) {
            Subprogram f = subs.get(i);
            blockStart[f.start()] = true;
            java.util.Arrays.fill(functionOf, f.start(), f.end(), i);
        }
        for (int i = 0; i < subs.size(); i++) {
            Subprogram f = subs.get(i);
            fs.add(FunctionPlan.of(this, i, f, chunkBudget));
        }
        functions = List.copyOf(fs);
    }

    static ProgramPlan of(Program program, int chunkBudget, boolean counted) {
        return new ProgramPlan(program, chunkBudget, counted);
    }

    /**
     * The program's functions; a program that lists none is one function using the whole
     * stack (as the interpreter treats it).
     */
    static List<Subprogram> functionsOf(Program program) {
        List<Subprogram> fs = program.functions();
        return fs.isEmpty() ? List.of(new Subprogram("main", 0, program.length(), org.binfmtbpf.run.Invocation.STACK_SIZE)) : fs;
    }

    int functionIndexAt(int pc) {
        return functionOf[pc];
    }

    /** Index of the function starting at {@code pc}, or -1. */
    int functionStartingAt(int pc) {
        for (FunctionPlan f : functions) {
            if (f.function.start() == pc) {
                return f.index;
            }
        }
        return -1;
    }

    /**
     * The registers (bit r) our engines may read from {@code pc} on before writing them: what
     * a transfer from one chunk method to another must carry in the register file.
     */
    int liveIn(int pc) {
        if (liveness == null) {
            liveness = RegisterLiveness.of(program, RegisterLiveness.Rules.ENGINES);
        }
        return liveness.liveIn(pc);
    }
}
