package org.binfmtbpf.verifier;

/**
 * Internal: thrown by a check the moment a program is proven unsafe; the explorer turns it
 * into a {@link VerificationException} with the log. No stack trace: it describes the eBPF
 * program, not Java.
 */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int pc;

    Rejection(int pc, String reason) {
        super(reason, null, false, false);
        this.pc = pc;
    }

    int pc() {
        return pc;
    }

    /** {@code format} without arguments is taken literally: a reason may quote an instruction such as {@code r1 %= r2}. */
    static Rejection at(int pc, String format, Object... args) {
        return new Rejection(pc, args.length == 0 ? format : String.format(format, args));
    }
}
