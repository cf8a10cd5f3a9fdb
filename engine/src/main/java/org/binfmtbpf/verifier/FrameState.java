package org.binfmtbpf.verifier;

import java.util.Arrays;

/**
 * One call frame: registers r0-r10 and the frame's stack, plus where it was called from.
 * Mutable; {@link #copy} when a path forks.
 */
public final class FrameState {
    public static final int REGS = 11;
    public static final int FP = 10;

    private final RegisterState[] regs;
    private final StackState stack;
    /** The instruction that called this frame, or -1 for the main program. */
    private final int callsite;
    /** 0 for the main program's frame, 1 for its callee, ... */
    private final int frameNo;
    /** Index of the function in {@code Program.functions()}. */
    private final int function;

    public FrameState(int callsite, int frameNo, int function) {
        this.regs = new RegisterState[REGS];
        Arrays.fill(regs, RegisterState.NOT_INIT);
        regs[FP] = RegisterState.Pointer.framePointer(frameNo);
        this.stack = new StackState();
        this.callsite = callsite;
        this.frameNo = frameNo;
        this.function = function;
    }

    private FrameState(FrameState o) {
        this.regs = o.regs.clone();
        this.stack = o.stack.copy();
        this.callsite = o.callsite;
        this.frameNo = o.frameNo;
        this.function = o.function;
    }

    public FrameState copy() {
        return new FrameState(this);
    }

    public RegisterState reg(int r) {
        return regs[r];
    }

    public void set(int r, RegisterState v) {
        regs[r] = v;
    }

    public StackState stack() {
        return stack;
    }

    public int callsite() {
        return callsite;
    }

    public int frameNo() {
        return frameNo;
    }

    public int function() {
        return function;
    }

    RegisterState[] regsView() {
        return regs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameState f && callsite == f.callsite && frameNo == f.frameNo && function == f.function
                && Arrays.equals(regs, f.regs) && stack.equals(f.stack);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(regs) * 31 + stack.hashCode()) * 31 + callsite;
    }
}
