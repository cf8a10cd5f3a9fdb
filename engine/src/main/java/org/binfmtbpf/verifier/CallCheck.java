package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.program.Subprogram;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * BPF-to-BPF calls and exits (the kernel's check_func_call and prepare_func_exit): a call
 * pushes a frame whose r1-r5 are the caller's arguments, an exit pops it and hands r0 back.
 */
final class CallCheck {
    /** MAX_CALL_FRAMES. */
    static final int MAX_CALL_FRAMES = 8;
    /** Returned by {@link #exit} when the main program exits: this path is done. */
    static final int PATH_END = -1;

    private CallCheck() {}

    /** Returns the first instruction of the callee. */
    static int call(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        if (insn.dst() != 0 || insn.off() != 0) {
            throw Rejection.at(pc, "BPF_CALL uses reserved fields");
        }
        int target = InstructionKind.callTarget(insn, pc);
        if (st.depth() >= MAX_CALL_FRAMES) {
            throw Rejection.at(pc, "the call stack of %d frames is too deep", st.depth() + 1);
        }
        FrameState caller = st.current();
        int callee = env.cfg.functionOf[target];
        for (FrameState active : st.frames()) {
            if (active.function() == callee) {
                throw Rejection.at(pc, "back-edge from insn %d to %d: recursive calls are not allowed", pc, target);
            }
        }
        env.noteCall(caller.function(), callee);
        FrameState frame = new FrameState(pc, st.depth(), callee);
        for (int r = 1; r <= 5; r++) {
            frame.set(r, caller.reg(r));
        }
        caller.set(0, RegisterState.NOT_INIT);
        Registers.scratchCallerSaved(caller);
        st.push(frame);
        if (env.log.atLeast(2)) {
            Subprogram s = env.program.functions().get(callee);
            env.log.line("caller:\n " + VerifierLog.state(st).replace(" frame" + frame.frameNo() + ":", "\ncallee (" + s.name() + "):\n "));
        }
        return target;
    }

    /** Returns where execution continues, or {@link #PATH_END}. */
    static int exit(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        if (insn.dst() != 0 || insn.src() != 0 || insn.off() != 0 || insn.imm() != 0) {
            throw Rejection.at(pc, "BPF_EXIT uses reserved fields");
        }
        FrameState f = st.current();
        RegisterState r0 = Registers.read(f, 0, pc);
        if (st.depth() == 1) {
            if (!(r0 instanceof Scalar)) {
                throw Rejection.at(pc, "R0 leaks addr as return value");
            }
            return PATH_END;
        }
        if (r0 instanceof Pointer p && p.kind() == PointerKind.STACK && p.frameNo() == f.frameNo()) {
            throw Rejection.at(pc, "cannot return stack pointer to the caller");
        }
        st.pop();
        st.current().set(0, r0);
        if (env.log.atLeast(2)) {
            env.log.line("returning from callee to caller at " + (f.callsite() + 1) + ": R0=" + r0);
        }
        return f.callsite() + 1;
    }
}
