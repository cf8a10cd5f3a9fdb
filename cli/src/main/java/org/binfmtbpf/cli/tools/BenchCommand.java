package org.binfmtbpf.cli.tools;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.Engines;
import org.binfmtbpf.cli.demo.DemoCommand;
import org.binfmtbpf.cli.demo.SampleHeader;
import org.binfmtbpf.cli.demo.SampleHeaders;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A quick table for people without JMH: the bundled qemu 'B' program on the demo's headers,
 * interpreter against JIT. Each cell warms up, then times five batches and keeps the median.
 * The JMH figures in docs/PERFORMANCE.md are the ones to quote.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the bundled qemu 'B' program on the interpreter and the JIT, per demo header.",
            "A rough figure in seconds; docs/PERFORMANCE.md has the JMH measurements."})
public final class BenchCommand implements Callable<Integer> {
    private static final int BATCHES = 5;

    @Spec CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "0.4", description = "Time spent per engine and header, warm-up included (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "4", description = "Seconds of running every header on both engines before the first cell, "
            + "so HotSpot has compiled the interpreter's loop and the program's class (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Program program = bundledProgram();
        VerifierFacts proven = Verifier.verify(program).facts();
        Executable interp = Engines.named(Engines.INTERP).prepare(program);
        Executable jit = Engines.named(Engines.JIT).prepare(program, proven);
        long budgetNanos = (long) (seconds * 1e9);
        warmUp(List.of(interp, jit), (long) (warmupSeconds * 1e9));
        out.printf("%-22s %-26s %14s %12s %8s%n", "FILE", "ARCH", "interp ns/run", "jit ns/run", "ratio");
        for (SampleHeader h : SampleHeaders.all()) {
            double i = nanosPerRun(interp, h.bytes(), budgetNanos);
            double j = nanosPerRun(jit, h.bytes(), budgetNanos);
            out.printf("%-22s %-26s %14.1f %12.1f %7.1fx%n", h.file(), h.arch(), i, j, i / j);
            out.flush();
        }
        out.printf("(%s %s; each cell the median of %d batches after a warm-up)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), BATCHES);
        return 0;
    }

    private static Program bundledProgram() throws Exception {
        try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.PROGRAM)) {
            return ElfLoader.load(in.readAllBytes(), DemoCommand.PROGRAM, StandardHelpers.registry(), ProgramType.BINFMT)
                    .programs().get(0).program();
        }
    }

    /**
     * Runs every header on every engine until {@code nanos} have passed. Without it the first
     * cells were timed while HotSpot was still compiling the interpreter's loop (one run
     * measured 1.5 us where JMH says 0.35 us).
     */
    private static void warmUp(List<Executable> engines, long nanos) {
        List<SampleHeader> headers = SampleHeaders.all();
        long end = System.nanoTime() + nanos;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (Executable e : engines) {
                for (SampleHeader h : headers) {
                    sink += timesRun(e, h.bytes(), 50);
                }
            }
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the runs' results alive
        }
    }

    private static long timesRun(Executable e, byte[] header, int times) {
        Invocation inv = Invocation.current();
        long sink = 0;
        for (int k = 0; k < times; k++) {
            inv.begin(e, header);
            sink += e.run(inv);
        }
        return sink;
    }

    /** Half the budget warms up; the other half is split into batches, and the median batch wins. */
    private static double nanosPerRun(Executable e, byte[] header, long budgetNanos) {
        long sink = 0;
        long warmEnd = System.nanoTime() + budgetNanos / 2;
        while (System.nanoTime() < warmEnd) {
            sink += timesRun(e, header, 100);
        }
        double[] batches = new double[BATCHES];
        long batchNanos = Math.max(1, budgetNanos / 2 / BATCHES);
        for (int b = 0; b < BATCHES; b++) {
            long runs = 0;
            long start = System.nanoTime();
            long now;
            do {
                sink += timesRun(e, header, 100);
                runs += 100;
                now = System.nanoTime();
            } while (now - start < batchNanos);
            batches[b] = (double) (now - start) / runs;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the runs' results alive
        }
        Arrays.sort(batches);
        return batches[BATCHES / 2];
    }
}
