package org.binfmtbpf.cli;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierOptions;

/**
 * The verifier's answer for one program, as the commands print it.
 *
 * @param summary one line: "insn 12: invalid bpf_context access off=256 size=1 (qemu.bpf.c:42)", or the statistics
 * @param log     the kernel-style log
 */
public record Verification(boolean accepted, String summary, String log) {

    /** Verifies with the log level that explains a refusal (the kernel's log_level 2 for -d). */
    public static Verification of(Program program, int logLevel) {
        try {
            String log = Verifier.verify(program, VerifierOptions.defaults().withLogLevel(logLevel)).log();
            return new Verification(true, lastLine(log), log);
        } catch (VerificationException e) {
            return new Verification(false, e.getMessage(), e.log());
        }
    }

    public static Verification of(Program program) {
        return of(program, 1);
    }

    private static String lastLine(String log) {
        String t = log.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }
}
