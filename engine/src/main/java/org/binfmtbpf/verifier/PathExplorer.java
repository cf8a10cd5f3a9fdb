package org.binfmtbpf.verifier;

import java.util.ArrayDeque;
import java.util.Deque;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * Explores every path of the program depth first (the kernel's do_check): one instruction at
 * a time on the current state, forks queued on a stack, until every path has exited or been
 * pruned. At prune points the current state is compared with saved ones: one that covers it
 * ends the path; an exact repeat of a state still being explored is an infinite loop. Loops
 * are otherwise simply unrolled, so a bounded loop is accepted and an unbounded one runs into
 * the budget of processed instructions.
 */
final class PathExplorer {
    private record Pending(int pc, VerifierState state, PathTrace trace) {
    }

    private final VerifierEnv env;
    private final StateEquivalence equivalence;
    private final ExploredStates[] explored;
    private final Deque<Pending> pending = new ArrayDeque<>();

    private long processed;
    private long jumps;
    private long prevProcessed;
    private long prevJumps;
    private int totalStates;
    private int liveStates;
    private int peakStates;
    private int pruned;
    private PathTrace trace;

    PathExplorer(VerifierEnv env) {
        this.env = env;
        this.equivalence = new StateEquivalence(env.liveness);
        this.explored = new ExploredStates[env.program.length()];
        env.onBranch((pc, st) -> {
            if (st.parent != null) {
                st.parent.branches++;
            }
            pending.push(new Pending(pc, st, trace));
        });
    }

    long processed() { return processed; }
    int totalStates() { return totalStates; }
    int peakStates() { return peakStates; }
    int pruned() { return pruned; }
    PathTrace trace() { return trace; }

    /** The state a program starts in: r1 the context, r10 the frame pointer; RAW programs also get r2 = length. */
    static VerifierState initialState(VerifierEnv env) {
        FrameState main = new FrameState(-1, 0, 0);
        main.set(1, Pointer.context());
        if (env.program.type() == ProgramType.RAW) {
            main.set(2, Scalar.constant(env.contextSize));
        }
        return new VerifierState(main);
    }

    /** The state being explored when a check failed (for the log). */
    VerifierState current;

    void run() {
        VerifierState st = initialState(env);
        int pc = 0;
        int budget = env.options.maxProcessedInsns();

        boolean tracing = env.log.atLeast(1);
        while (true) {
            current = st;
            boolean level2 = env.log.atLeast(2);
            if (++processed > budget) {
                throw Rejection.at(pc, "BPF program is too large. Processed %d insn", processed);
            }
            env.facts.enter(pc, st.current());
            if (env.cfg.prunePoint[pc] && visited(pc, st)) {
                pruned++;
                if (level2) {
                    env.log.line(pc + ": safe");
                }
                endPath(st);
            } else {
                if (tracing) {
                    trace = trace == null ? PathTrace.start(pc) : trace.append(pc);
                }
                RegisterState[] before = level2 ? snapshot(st.current()) : null;
                int depth = st.depth();
                int next = step(st, pc);
                if (level2) {
                    env.log.insn(pc, st.depth() == depth ? VerifierLog.changes(before, st.current()) : "");
                }
                if (next != CallCheck.PATH_END) {
                    pc = next;
                    continue;
                }
                endPath(st);
            }
            if (pending.isEmpty()) {
                return;
            }
            Pending p = pending.pop();
            st = p.state;
            pc = p.pc;
            trace = p.trace;
            if (env.log.atLeast(2)) {
                env.log.resetSource();
                env.log.line("from " + (trace == null ? "?" : trace.pc()) + " to " + pc + ": " + VerifierLog.state(st));
            }
        }
    }

    private static RegisterState[] snapshot(FrameState f) {
        RegisterState[] r = new RegisterState[FrameState.REGS];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.reg(i);
        }
        return r;
    }

    /** Executes one instruction abstractly; returns the next pc or {@link CallCheck#PATH_END}. */
    private int step(VerifierState st, int pc) {
        Instruction insn = env.program.insn(pc);
        FrameState f = st.current();
        switch (insn.cls()) {
            case Opcodes.CLASS_ALU, Opcodes.CLASS_ALU64 -> {
                AluCheck.check(env, f, insn, pc);
                return pc + 1;
            }
            case Opcodes.CLASS_LDX -> {
                MemoryCheck.load(env, st, insn, pc);
                return pc + 1;
            }
            case Opcodes.CLASS_ST, Opcodes.CLASS_STX -> {
                MemoryCheck.store(env, st, insn, pc);
                return pc + 1;
            }
            case Opcodes.CLASS_LD -> {
                if (insn.isLdImm64()) {
                    Registers.checkWritable(insn.dst(), pc);
                    f.set(insn.dst(), env.maps.load(pc));
                    return pc + 2;
                }
                if (ControlFlow.isLdAbsOrInd(insn)) {
                    MemoryCheck.packetLoad(env, st, insn, pc);
                    return pc + 1;
                }
                throw Rejection.at(pc, "unknown opcode %02x", insn.opcode());
            }
            default -> {
                jumps++;
                return jump(st, insn, pc);
            }
        }
    }

    private int jump(VerifierState st, Instruction insn, int pc) {
        int op = Opcodes.aluOp(insn.opcode());
        boolean jmp64 = insn.cls() == Opcodes.CLASS_JMP;
        if (op == Opcodes.JMP_JA) {
            if (Opcodes.source(insn.opcode()) != Opcodes.SRC_K || insn.dst() != 0 || insn.src() != 0
                    || (jmp64 ? insn.imm() != 0 : insn.off() != 0)) {
                throw Rejection.at(pc, "BPF_JA uses reserved fields");
            }
            return InstructionKind.jumpTarget(insn, pc);
        }
        if (op == Opcodes.JMP_CALL && jmp64 && Opcodes.source(insn.opcode()) == Opcodes.SRC_K) {
            return switch (insn.src()) {
                case Opcodes.CALL_HELPER -> {
                    HelperCallCheck.check(env, st, insn, pc);
                    yield pc + 1;
                }
                case Opcodes.CALL_LOCAL -> CallCheck.call(env, st, insn, pc);
                default -> throw Rejection.at(pc, "calling kernel functions (kfuncs) is not supported");
            };
        }
        if (op == Opcodes.JMP_EXIT && jmp64 && Opcodes.source(insn.opcode()) == Opcodes.SRC_K) {
            return CallCheck.exit(env, st, insn, pc);
        }
        if (op == Opcodes.JMP_CALL || op == Opcodes.JMP_EXIT || op == 0xe0 || op == 0xf0) {
            throw Rejection.at(pc, "unknown opcode %02x", insn.opcode());
        }
        return JumpCheck.check(env, st, insn, pc);
    }

    /**
     * At a prune point: true when a saved state covers {@code st} (the path ends here). Fails on
     * an infinite loop. Otherwise may save {@code st} as a new checkpoint.
     */
    private boolean visited(int pc, VerifierState st) {
        ExploredStates es = explored[pc];
        if (es == null) {
            es = explored[pc] = new ExploredStates();
        }
        boolean looping = es.inProgressCount > 0;
        if (looping && es.repeatOf(st) != null) {
            throw Rejection.at(pc, "infinite loop detected at insn %d", pc);
        }
        for (int i = 0; i < es.complete.size(); i++) {
            Checkpoint cp = es.complete.get(i);
            if (equivalence.covers(cp.state, st, pc)) {
                cp.hits++;
                return true;
            }
            if (++cp.misses > cp.hits * 3 + 3) { // rarely useful: forget it, as the kernel does
                es.complete.remove(i--);
                liveStates--;
            }
        }
        // Save a new checkpoint only every few jumps and instructions, and rarely inside a loop
        // (each iteration differs; the saved states would only slow the search).
        long insnsSince = processed - prevProcessed;
        long jumpsSince = jumps - prevJumps;
        boolean add = jumpsSince >= 2 && insnsSince >= 8;
        if (looping && jumpsSince < 20 && insnsSince < 100) {
            add = false;
        }
        if (add) {
            Checkpoint cp = new Checkpoint(pc, st.copy(), st.parent);
            st.parent = cp;
            es.addInProgress(cp);
            totalStates++;
            peakStates = Math.max(peakStates, ++liveStates);
            prevProcessed = processed;
            prevJumps = jumps;
        }
        return false;
    }

    /** A path ended (exit or pruned): its checkpoints whose every path has ended become usable. */
    private void endPath(VerifierState st) {
        for (Checkpoint cp = st.parent; cp != null; cp = cp.parent) {
            if (--cp.branches > 0) {
                break;
            }
            explored[cp.pc].completed(cp);
        }
    }
}
