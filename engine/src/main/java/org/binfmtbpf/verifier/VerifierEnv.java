package org.binfmtbpf.verifier;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.RegisterLiveness;

/**
 * Everything the checks share during one verification (the kernel's bpf_verifier_env): the
 * program, the static analyses, the log, the facts being recorded, the id generator, and what
 * is learnt about stack use and calls for the whole-program checks at the end.
 */
final class VerifierEnv {
    final Program program;
    final VerifierOptions options;
    final ControlFlow cfg;
    final RegisterLiveness liveness;
    final VerifierLog log;
    final FactsRecorder facts;
    final MapResolver maps;

    /** Bytes of context and whether programs may write it. */
    final int contextSize;
    final boolean contextWritable;
    /** The kernel's syscall programs demand aligned context reads (offset % size == 0). */
    final boolean contextAligned;

    /** Deepest stack byte each function touched (positive bytes). */
    final int[] stackDepth;
    final boolean[] hasTailCall;
    final List<List<Integer>> callees;

    private int idGen;
    private BranchSink branches;

    interface BranchSink {
        void push(int pc, VerifierState state);
    }

    VerifierEnv(Program program, VerifierOptions options, ControlFlow cfg, RegisterLiveness liveness) {
        this.program = program;
        this.options = options;
        this.cfg = cfg;
        this.liveness = liveness;
        this.log = new VerifierLog(options.logLevel(), program);
        this.facts = new FactsRecorder(program);
        this.maps = new MapResolver(program);
        boolean header = program.headerContext();
        this.contextSize = header ? ProgramType.HEADER_SIZE : options.rawContextSize();
        this.contextWritable = !header;
        this.contextAligned = program.type() == ProgramType.SYSCALL;
        int fns = program.functions().size();
        this.stackDepth = new int[fns];
        this.hasTailCall = new boolean[fns];
        this.callees = new ArrayList<>();
        for (int i = 0; i < fns; i++) {
            callees.add(new ArrayList<>());
        }
    }

    void onBranch(BranchSink sink) {
        this.branches = sink;
    }

    /** Queues the other side of a fork: {@code state} continues at {@code pc} later. */
    void pushBranch(int pc, VerifierState state) {
        branches.push(pc, state);
    }

    int nextId() {
        return ++idGen;
    }

    void noteStackUse(int function, long lowestOffset) {
        int depth = (int) -lowestOffset;
        if (depth > stackDepth[function]) {
            stackDepth[function] = depth;
        }
    }

    void noteCall(int caller, int callee) {
        if (!callees.get(caller).contains(callee)) {
            callees.get(caller).add(callee);
        }
    }
}
