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

    @Override
    public Outcome run(FuzzCase c, FuzzCase.Built built) {
        try (KernelRunner runner = KernelRunner.load(built.program())) {
            KernelRunner.KernelRun run = runner.run(c.context());
            return new Outcome(Outcome.Kind.RETURNED, run.r0(), null, null, run.maps());
        } catch (KernelBpfException e) {
            return Outcome.refused(lastLine(e));
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
