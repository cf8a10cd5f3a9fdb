package org.binfmtbpf.jit;

import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * The few run-time operations compiled code calls that are not arithmetic (isa.Alu) or memory
 * (mem.Memory): entering a BPF-to-BPF call, calling a helper by register (CALLX), and giving
 * a helper's fault the instruction index of its call. Public because hidden classes call it.
 */
public final class JitRuntime {
    private JitRuntime() {}

    /** bpf_tail_call: after it, compiled code checks {@link Invocation#tailCallTarget}. */
    static final int TAIL_CALL_HELPER = 12;

    /**
     * Thrown (one shared instance, no stack trace) when LD_ABS / LD_IND read outside the
     * packet: the kernel then ends the program with r0 = 0.
     */
    public static final RuntimeException PACKET_END = new PacketEnd();

    /** A helper reports faults with pc -1; the engine names the calling instruction. */
    public static BpfFault atCall(BpfFault fault, int pc) {
        return fault.pc() < 0 ? new BpfFault(pc, fault.reason()) : fault;
    }

    /**
     * Checks a BPF-to-BPF call from frame {@code depth} (0 = main), sets the callee's stack
     * floor and returns the callee's r10: the caller's r10 minus the caller's frame.
     */
    public static long enterCall(Invocation inv, long callerFp, int callerFrame, int depth, int calleeFrame, int pc) {
        if (depth + 1 >= Invocation.MAX_CALL_FRAMES) {
            throw new BpfFault(pc, "call nested deeper than " + Invocation.MAX_CALL_FRAMES + " frames");
        }
        long calleeFp = callerFp - callerFrame;
        long floor = (calleeFp & 0xffffffffL) - calleeFrame;
        if (floor < 0) {
            throw new BpfFault(pc, "call chain needs more than " + Invocation.STACK_SIZE + " bytes of stack");
        }
        inv.stackFloor = (int) floor;
        return calleeFp;
    }

    /** CALLX: the helper whose id is in a register. */
    public static long callx(HelperRegistry helpers, Invocation inv, long id, long r1, long r2, long r3, long r4, long r5,
                             int pc) {
        Helper h = id >= 0 && id <= Integer.MAX_VALUE ? helpers.get((int) id) : null;
        if (h == null) {
            throw unknownHelper(id, pc);
        }
        try {
            return h.function().call(inv, r1, r2, r3, r4, r5);
        } catch (BpfFault f) {
            throw atCall(f, pc);
        }
    }

    public static BpfFault unknownHelper(long id, int pc) {
        return new BpfFault(pc, "unknown helper " + id);
    }

    public static BpfFault fellOffEnd(int pc) {
        return new BpfFault(pc, "execution ran past the end of the function");
    }

    public static BpfFault invalidInstruction(int opcode, int pc) {
        return new BpfFault(pc, "invalid instruction opcode 0x" + Integer.toHexString(opcode));
    }
}
