package org.binfmtbpf.fuzz;

import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.kernel.KernelBpfException;
import org.binfmtbpf.kernel.KernelRunner;

/**
 * The running kernel as an oracle (bpf(2) through {@link KernelRunner}): KERNEL-profile
 * programs load as {@code syscall} programs and test-run once on the 256-byte header.
 * A refusal carries the last line of the verifier log; r0 is the kernel's low 32 bits.
 */
public final class KernelOracle implements Oracle {
    public static boolean available() {
        return KernelBpf.available();
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public boolean accepts(FuzzCase c) {
        return c.kernelProfile();
    }

    /** Pauses before each retry of a kernel run that failed for want of resources, in ms. */
    private static final long[] BACKOFF_MS = {10, 100, 1000, 3000};

    @Override
    public Outcome run(FuzzCase c, FuzzCase.Built built) {
        for (int attempt = 0; ; attempt++) {
            try (KernelRunner runner = KernelRunner.load(built.program())) {
                KernelRunner.KernelRun run = runner.run(c.context());
                return new Outcome(Outcome.Kind.RETURNED, run.r0(), null, null, run.maps());
            } catch (KernelBpfException e) {
                if (!transientFailure(e)) {
                    return Outcome.refused(lastLine(e));
                }
                if (attempt == BACKOFF_MS.length) {
                    throw new IllegalStateException("the kernel kept failing for want of resources: " + e.getMessage(), e);
                }
                pause(BACKOFF_MS[attempt]);
            }
        }
    }

    /**
     * A failure of the machine, not a verdict on the program: bpf(2) reporting a lack of
     * resources (ENOMEM, EAGAIN, EBUSY) while a campaign creates and frees thousands of maps and
     * programs a second. Such a case is run again after a pause; a verifier refusal never is.
     */
    private static boolean transientFailure(KernelBpfException e) {
        boolean verdict = e.verifierLog() != null && !e.verifierLog().isBlank();
        int errno = e.errno();
        return !verdict && (errno == 12 /* ENOMEM */ || errno == 11 /* EAGAIN */ || errno == 16 /* EBUSY */);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a kernel run", interrupted);
        }
    }

    private static String lastLine(KernelBpfException e) {
        String log = e.verifierLog();
        if (log == null || log.isBlank()) {
            return e.getMessage();
        }
        String[] lines = log.strip().split("\n");
        // The last line is the instruction count summary; the reason is just above it.
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].startsWith("processed ") && !lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return e.getMessage();
    }
}
