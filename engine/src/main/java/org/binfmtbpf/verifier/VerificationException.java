package org.binfmtbpf.verifier;

import org.binfmtbpf.program.SourceLine;

/**
 * A program the verifier refused. {@link #getMessage} is one line:
 * {@code insn 12: invalid bpf_context access off=256 size=1 (qemu.bpf.c:42)}; {@link #log}
 * has the kernel-style log that explains it.
 */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int pc;
    private final String reason;
    private final transient SourceLine source;
    private final String log;

    public VerificationException(int pc, String reason, SourceLine source, String log) {
        super(summary(pc, reason, source), null, false, false);
        this.pc = pc;
        this.reason = reason;
        this.source = source;
        this.log = log;
    }

    private static String summary(int pc, String reason, SourceLine source) {
        return "insn " + pc + ": " + reason + (source == null ? "" : " (" + source.file() + ":" + source.line() + ")");
    }

    /** The instruction (slot index) where the program was refused. */
    public int pc() {
        return pc;
    }

    /** Why, in the kernel's words where the kernel has words for it. */
    public String reason() {
        return reason;
    }

    /** The C source line of that instruction, or null. */
    public SourceLine source() {
        return source;
    }

    /** The verifier log at the requested level. */
    public String log() {
        return log;
    }
}
