package org.binfmtbpf.helpers;

import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;
import org.binfmtbpf.run.Invocation;

/** An invocation bound to a context, and addresses into its stack, for calling helpers directly. */
final class HelperTestSupport {
    private HelperTestSupport() {}

    static Program program(ProgramType type) {
        return new Program("t", type, new Instruction[0], new long[0], List.of(new Subprogram("main", 0, 0, 0)),
                StandardHelpers.registry(), List.of(), null, "GPL");
    }

    /** A fresh invocation (not the thread's shared one) bound to {@code context} as a header-context program. */
    static Invocation invocation(byte[] context) {
        Invocation inv = new Invocation();
        inv.begin(program(ProgramType.SOCKET_FILTER), context);
        return inv;
    }

    /** Copies {@code bytes} to the stack at {@code offset} and returns its address. */
    static long onStack(Invocation inv, int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, inv.stack, offset, bytes.length);
        return Address.of(Address.STACK_REGION, offset);
    }

    static long stack(int offset) {
        return Address.of(Address.STACK_REGION, offset);
    }
}
