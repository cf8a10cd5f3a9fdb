package org.binfmtbpf.run;

/**
 * A program stopped at run time: a memory access out of bounds, a call chain too deep, the
 * instruction budget spent. Carries the instruction index so the user can find it. Thrown
 * by both engines with the same message for the same program and input, so differential
 * tests can compare faults as values. Has no stack trace: it describes the eBPF program, not Java.
 */
public class BpfFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int pc;

    public BpfFault(int pc, String message) {
        super(message, null, false, false);
        this.pc = pc;
    }

    /** Index of the faulting instruction (slot index, as llvm-objdump numbers them). */
    public int pc() { return pc; }

    @Override
    public String getMessage() {
        return pc < 0 ? super.getMessage() : "insn " + pc + ": " + super.getMessage();
    }

    /**
     * This fault located at {@code callPc}: helpers throw with pc -1 because they do not know
     * which instruction called them; engines rethrow {@code fault.at(pc)} at the call.
     */
    public BpfFault at(int callPc) {
        return pc >= 0 ? this : new BpfFault(callPc, reason());
    }

    /** The reason without the instruction index. */
    public String reason() {
        return super.getMessage();
    }
}
