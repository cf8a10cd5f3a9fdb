package org.binfmtbpf.run.interp;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Invocation;

/**
 * The frames of the callers of the running function: where each returns to, its registers
 * r1-r10 (r6-r9 callee-saved as in the ABI; r1-r5 too, as the kernel's interpreter gives a
 * callee registers of its own and compiled code keeps the caller's in its own locals; r10 its
 * frame pointer), its frame size and stack floor, and
 * the program it belongs to with its decoded code (a tail call may have switched programs). Fixed arrays sized
 * for {@link Invocation#MAX_CALL_FRAMES}, reused run after run.
 */
final class CallStack {
    private static final int SAVED = 10; // r1-r10
    private static final int CAPACITY = Invocation.MAX_RUN_FRAMES;

    private final int[] returnPc = new int[CAPACITY];
    private final int[] frameSize = new int[CAPACITY];
    private final int[] stackFloor = new int[CAPACITY];
    private final int[] programDepth = new int[CAPACITY];
    private final int[] programTop = new int[CAPACITY];
    private final Program[] program = new Program[CAPACITY];
    private final Code[] code = new Code[CAPACITY];
    private final long[] saved = new long[CAPACITY * SAVED];
    private int depth;

    /** Number of caller frames saved; the running function is frame {@code depth() + 1}. */
    int depth() {
        return depth;
    }

    void clear() {
        for (int i = 0; i < depth; i++) {
            program[i] = null;
            code[i] = null;
        }
        depth = 0;
    }

    /** Saves the caller's state; {@link Invocation#enterCall} has checked there is room. */
    void push(int returnTo, Program caller, Code callerCode, int callerFrameSize, int callerFloor, Invocation inv, long[] r) {
        returnPc[depth] = returnTo;
        program[depth] = caller;
        code[depth] = callerCode;
        frameSize[depth] = callerFrameSize;
        stackFloor[depth] = callerFloor;
        programDepth[depth] = inv.programDepth;
        programTop[depth] = inv.programTop;
        System.arraycopy(r, 1, saved, depth * SAVED, SAVED);
        depth++;
    }

    /** Restores r1-r10 of the innermost caller into {@code r} and drops its frame. */
    void pop(long[] r) {
        depth--;
        System.arraycopy(saved, depth * SAVED, r, 1, SAVED);
    }

    // After pop(): the state of the frame just restored.
    int returnPc() { return returnPc[depth]; }
    int frameSize() { return frameSize[depth]; }
    int stackFloor() { return stackFloor[depth]; }
    int programDepth() { return programDepth[depth]; }
    int programTop() { return programTop[depth]; }

    /** The restored frame's code; call before {@link #program()}, which forgets the frame's references. */
    Code code() {
        Code c = code[depth];
        code[depth] = null;
        return c;
    }

    Program program() {
        Program p = program[depth];
        program[depth] = null;
        return p;
    }
}
