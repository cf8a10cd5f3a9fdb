package org.binfmtbpf.run;

import org.binfmtbpf.helpers.Helper;

/**
 * The faults of the call instructions, built in one place so that the interpreter and the
 * JIT report the same words for the same program (differential tests compare them).
 */
public final class CallFaults {
    private CallFaults() {}

    public static BpfFault unknownHelper(long id, int pc) {
        return new BpfFault(pc, "call to unknown helper " + id);
    }

    public static BpfFault kfunc(int id, int pc) {
        return new BpfFault(pc, "kfunc calls are not supported (kfunc " + id + ")");
    }

    /** A helper's exception as the fault of its call: a fault gets the call's index, anything else is wrapped. */
    public static BpfFault helperFailed(Helper helper, RuntimeException e, int pc) {
        if (e instanceof BpfFault fault) {
            return fault.at(pc);
        }
        return new BpfFault(pc, "helper " + helper.id() + " (" + helper.name() + ") failed: " + e);
    }
}
