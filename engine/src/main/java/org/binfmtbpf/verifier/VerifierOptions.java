package org.binfmtbpf.verifier;

import org.binfmtbpf.program.ProgramType;

/**
 * How to verify.
 *
 * @param logLevel         0: only the error; 1: the error with the path that led to it and the
 *                         register state there; 2: also every instruction processed with the
 *                         registers it changed (the kernel's log_level 2)
 * @param maxProcessedInsns the budget of instructions processed over all paths (the kernel's
 *                         BPF_COMPLEXITY_LIMIT_INSNS, 1,000,000)
 * @param rawContextSize   for {@link ProgramType#RAW} programs: the length of their writable context
 */
public record VerifierOptions(int logLevel, int maxProcessedInsns, int rawContextSize) {
    public static final int KERNEL_INSN_LIMIT = 1_000_000;

    public VerifierOptions {
        if (logLevel < 0 || logLevel > 2) {
            throw new IllegalArgumentException("log level must be 0, 1 or 2: " + logLevel);
        }
        if (maxProcessedInsns <= 0 || rawContextSize < 0) {
            throw new IllegalArgumentException("budget and context size must be positive");
        }
    }

    public static VerifierOptions defaults() {
        return new VerifierOptions(1, KERNEL_INSN_LIMIT, ProgramType.HEADER_SIZE);
    }

    public VerifierOptions withLogLevel(int level) {
        return new VerifierOptions(level, maxProcessedInsns, rawContextSize);
    }

    public VerifierOptions withBudget(int insns) {
        return new VerifierOptions(logLevel, insns, rawContextSize);
    }

    public VerifierOptions withRawContextSize(int size) {
        return new VerifierOptions(logLevel, maxProcessedInsns, size);
    }
}
