package org.binfmtbpf.jit;

/**
 * Thrown by counted code when the instruction budget runs out; {@link JitExecutable} turns it
 * into the interpreter's fault, which names the budget the run started with.
 */
final class BudgetExhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int pc;

    BudgetExhausted(int pc) {
        super(null, null, false, false);
        this.pc = pc;
    }
}
