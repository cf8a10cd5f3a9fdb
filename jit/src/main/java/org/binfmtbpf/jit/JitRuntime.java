package org.binfmtbpf.jit;

import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.CallFaults;
import org.binfmtbpf.run.Invocation;

/**
 * The run-time operations compiled code calls that are neither arithmetic ({@code isa.Alu})
 * nor memory ({@code mem.Memory}): entering a BPF-to-BPF call, tail calls, CALLX, helper
 * failures and the instruction budget. Each mirrors the interpreter ({@code run.interp.Machine})
 * rule for rule and message for message. Public because hidden classes call it.
 */
public final class JitRuntime {
    private JitRuntime() {}

    /**
     * Checks a BPF-to-BPF call from frame {@code depth} (0 = main), sets the callee's stack
     * floor and returns the callee's r10: the caller's r10 minus the caller's frame.
     */
    public static long enterCall(Invocation inv, long callerFp, int callerFrame, int depth, String callee, int calleeFrame,
                                 int pc) {
        return inv.enterCall(callerFp, callerFrame, depth, callee, calleeFrame, pc);
    }

    /**
     * Helper 12 succeeded: the target replaces the running function on its registers and
     * frame, and what it returns is what this function returns.
     */
    public static long tailCall(TailCallTargets targets, boolean counted, Invocation inv, long r0, long r1, long r2, long r3,
                                long r4, long r5, long r6, long r7, long r8, long r9, long r10, int depth, int pc) {
        Object target = inv.tailCallTarget;
        inv.tailCallTarget = null;
        if (!(target instanceof Program next)) {
            throw new BpfFault(pc, "tail call target is not a program: " + target);
        }
        int callerProgramDepth = inv.programDepth;
        int callerProgramTop = inv.programTop;
        inv.enterTailCall(next, r10, depth, pc);
        long result = targets.code(next, counted, r10 == Invocation.stackTop()).enter(inv, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, depth);
        inv.programDepth = callerProgramDepth; // the target returns to this function's caller, in the caller's program
        inv.programTop = callerProgramTop;
        return result;
    }

    /** CALLX: the helper whose id is in a register, through the program's registry. */
    public static long callx(HelperRegistry helpers, Invocation inv, long id, long r1, long r2, long r3, long r4, long r5,
                             int pc) {
        Helper helper = id == (int) id ? helpers.get((int) id) : null;
        if (helper == null) {
            throw unknownHelper(id, pc);
        }
        try {
            return helper.function().call(inv, r1, r2, r3, r4, r5);
        } catch (RuntimeException e) {
            throw helperFailed(helpers, e, (int) id, pc);
        }
    }

    /** A helper's exception as the fault of its call ({@link CallFaults}). */
    public static BpfFault helperFailed(HelperRegistry helpers, RuntimeException e, int id, int pc) {
        return CallFaults.helperFailed(helpers.get(id), e, pc);
    }

    public static BpfFault unknownHelper(long id, int pc) {
        return CallFaults.unknownHelper(id, pc);
    }

    public static BpfFault kfunc(int id, int pc) {
        return CallFaults.kfunc(id, pc);
    }

    public static BpfFault fellOffEnd(int pc) {
        return new BpfFault(pc, "execution ran past the end of the function");
    }

    public static BpfFault invalidInstruction(int opcode, int pc) {
        return new BpfFault(pc, "invalid instruction opcode 0x" + Integer.toHexString(opcode));
    }

    /**
     * Counted code calls this before every instruction. During a counted run
     * {@link Invocation#budget} counts down the instructions left (see {@link JitExecutable}).
     */
    public static void tick(Invocation inv, int pc) {
        if (--inv.budget < 0) {
            throw new BudgetExhausted(pc);
        }
    }
}
