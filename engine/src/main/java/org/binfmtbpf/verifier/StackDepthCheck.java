package org.binfmtbpf.verifier;

import java.util.List;
import org.binfmtbpf.program.Subprogram;

/**
 * The whole-program stack rules, checked once every path is explored (the kernel's
 * check_max_stack_depth): along every chain of calls the frames, each rounded up to 32 bytes
 * (at least 32), fit in 512 bytes; a function that makes a tail call is reached with less than
 * 256 bytes of caller frames, since its callers' frames stay while the tail-called program runs.
 * Also checks that no function uses more stack than the program declared for it.
 */
final class StackDepthCheck {
    static final int MAX_STACK = 512;
    static final int TAIL_CALL_STACK_LIMIT = 256;

    private StackDepthCheck() {}

    static int roundUp32(int bytes) {
        return (bytes + 31) & ~31;
    }

    /** Frame sizes as the engines need them: each function's deepest byte, rounded up to 32. */
    static int[] frameSizes(VerifierEnv env) {
        int[] sizes = new int[env.stackDepth.length];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = roundUp32(env.stackDepth[f]);
        }
        return sizes;
    }

    /** Returns the deepest combined stack of any call chain. */
    static int check(VerifierEnv env) {
        List<Subprogram> fns = env.program.functions();
        for (int f = 0; f < fns.size(); f++) {
            Subprogram s = fns.get(f);
            if (s.stackSize() > 0 && env.stackDepth[f] > s.stackSize()) {
                throw Rejection.at(s.start(), "func#%d %s uses %d bytes of stack but declares a frame of %d",
                        f, s.name(), env.stackDepth[f], s.stackSize());
            }
        }
        return walk(env, 0, 0, 0);
    }

    private static int walk(VerifierEnv env, int f, int depthBefore, int frame) {
        Subprogram s = env.program.functions().get(f);
        if (f != 0 && env.hasTailCall[f] && depthBefore >= TAIL_CALL_STACK_LIMIT) {
            throw Rejection.at(s.start(), "tail_calls are not allowed when call stack of previous frames is %d bytes. Too large",
                    depthBefore);
        }
        int depth = depthBefore + roundUp32(Math.max(env.stackDepth[f], 1));
        if (depth > MAX_STACK) {
            throw Rejection.at(s.start(), "combined stack size of %d calls is %d. Too large", frame + 1, depth);
        }
        int max = depth;
        for (int callee : env.callees.get(f)) {
            max = Math.max(max, walk(env, callee, depth, frame + 1));
        }
        return max;
    }
}
