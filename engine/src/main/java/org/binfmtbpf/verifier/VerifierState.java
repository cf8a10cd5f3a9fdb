package org.binfmtbpf.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The abstract machine state on one path: the chain of call frames, innermost last, and the
 * checkpoint this path descends from (for pruning and loop detection). Mutable; {@link #copy}
 * when a path forks.
 */
public final class VerifierState {
    private final List<FrameState> frames;
    /** The most recent checkpoint on this path; null before the first. */
    Checkpoint parent;

    public VerifierState(FrameState main) {
        this.frames = new ArrayList<>(List.of(main));
    }

    private VerifierState(VerifierState o) {
        this.frames = new ArrayList<>(o.frames.size());
        for (FrameState f : o.frames) {
            frames.add(f.copy());
        }
        this.parent = o.parent;
    }

    public VerifierState copy() {
        return new VerifierState(this);
    }

    public FrameState current() {
        return frames.get(frames.size() - 1);
    }

    public FrameState frame(int frameNo) {
        return frames.get(frameNo);
    }

    public int depth() {
        return frames.size();
    }

    public List<FrameState> frames() {
        return frames;
    }

    void push(FrameState f) {
        frames.add(f);
    }

    FrameState pop() {
        return frames.remove(frames.size() - 1);
    }

    /** Applies {@code f} to every register and spilled register of every frame. */
    void replaceEverywhere(UnaryOperator<RegisterState> f) {
        for (FrameState frame : frames) {
            RegisterState[] regs = frame.regsView();
            for (int r = 0; r < regs.length; r++) {
                regs[r] = f.apply(regs[r]);
            }
            frame.stack().replaceSpilled(f);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierState s && frames.equals(s.frames);
    }

    @Override
    public int hashCode() {
        return frames.hashCode();
    }
}
