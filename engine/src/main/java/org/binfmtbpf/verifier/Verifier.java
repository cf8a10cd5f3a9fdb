package org.binfmtbpf.verifier;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.RegisterLiveness;
import org.binfmtbpf.program.SourceLine;

/**
 * Proves a program safe and terminating before it may run, as the kernel's verifier does for
 * a binfmt_misc 'B' program before it is registered: the control flow is sound, every path
 * ends within the budget, no register or stack byte is read before it is written, every
 * memory access is in bounds and allowed, every helper gets the arguments it expects. Refuses
 * anything else with a {@link VerificationException} that says where and why.
 *
 * <p>See docs/VERIFIER.md for where this verifier and the kernel's differ.
 */
public final class Verifier {
    private Verifier() {}

    public static VerifierResult verify(Program program) throws VerificationException {
        return verify(program, VerifierOptions.defaults());
    }

    public static VerifierResult verify(Program program, VerifierOptions options) throws VerificationException {
        VerifierLog earlyLog = new VerifierLog(options.logLevel(), program);
        ControlFlow cfg;
        try {
            cfg = ControlFlow.check(program);
        } catch (Rejection r) {
            throw refuse(program, earlyLog, r, null, null);
        }
        VerifierEnv env = new VerifierEnv(program, options, cfg, RegisterLiveness.of(program, RegisterLiveness.Rules.KERNEL));
        PathExplorer explorer = new PathExplorer(env);
        int maxStack;
        try {
            explorer.run();
            maxStack = StackDepthCheck.check(env);
        } catch (Rejection r) {
            throw refuse(program, env.log, r, explorer.current, explorer.trace());
        }
        VerifierStats stats = new VerifierStats(explorer.processed(), explorer.totalStates(), explorer.peakStates(),
                explorer.pruned(), maxStack);
        env.log.line(stats.toString());
        return new VerifierResult(env.facts.freeze(StackDepthCheck.frameSizes(env)), env.log.text(), stats);
    }


    /**
     * The source line of {@code pc}: BTF line info marks only the first instruction of each
     * line, so, as the kernel does, the nearest entry at or before it in its function.
     */
    static SourceLine lineOf(Program p, int pc) {
        int start = p.functionAt(pc).start();
        for (int i = pc; i >= start; i--) {
            if (p.line(i) != null) {
                return p.line(i);
            }
        }
        return null;
    }

    private static VerificationException refuse(Program p, VerifierLog log, Rejection r, VerifierState state, PathTrace trace) {
        int pc = r.pc();
        SourceLine line = pc >= 0 && pc < p.length() ? lineOf(p, pc) : null;
        if (log.atLeast(1)) {
            if (trace != null) {
                log.line("path to the refused instruction (last " + PathTrace.KEEP + " at most):");
                log.resetSource();
                for (int t : trace.last(PathTrace.KEEP)) {
                    if (t != pc) {
                        log.insn(t, "");
                    }
                }
            }
            if (state != null) {
                log.line("state: " + VerifierLog.state(state));
            }
        }
        if (pc >= 0 && pc < p.length()) {
            log.resetSource();
            log.insn(pc, "");
        }
        log.line(r.getMessage());
        return new VerificationException(pc, r.getMessage(), line, log.text());
    }
}
