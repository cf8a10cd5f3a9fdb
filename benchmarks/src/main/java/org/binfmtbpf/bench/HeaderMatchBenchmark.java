package org.binfmtbpf.bench;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One run of a 'B' program on one header, interpreter against JIT: what a handler costs per
 * exec. The programs: the bundled qemu matcher ({@code qemu-table}; a matching header stops
 * at its table entry, aarch64 the first, s390x the 22nd; a non-matching one walks all 29),
 * the RFC's matcher that builds the qemu path on the stack and calls helper 212
 * ({@code qemu-path}), and the program-header walker with its bounded loop ({@code phdr-walk}).
 */
public class HeaderMatchBenchmark extends NanosPerRun {
    @Param({"qemu-table", "qemu-path", "phdr-walk"})
    public String program;

    @Param({"interp", "jit"})
    public String engine;

    @Param({"aarch64", "s390x", "host"})
    public String header;

    // Non-final fields: the JIT of the JVM must not constant-fold the input.
    private Program loaded;
    private Executable executable;
    private byte[] bytes;
    private Invocation invocation;

    @Setup
    public void setUp() {
        loaded = BenchPrograms.named(program);
        executable = EngineChoice.named(engine).prepare(loaded);
        bytes = SampleHeaders.named(header);
        invocation = Invocation.current();
    }

    @Benchmark
    public long run() {
        return runOn(bytes);
    }

    /** One run on {@code header}, as the benchmark times it. */
    protected long runOn(byte[] header) {
        invocation.begin(executable, header);
        return executable.run(invocation);
    }
}
