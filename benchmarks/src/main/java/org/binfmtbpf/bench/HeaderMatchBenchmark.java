package org.binfmtbpf.bench;

import java.util.concurrent.TimeUnit;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One run of the bundled qemu matcher on one header, interpreter against JIT: what a 'B'
 * handler costs per exec. A matching header stops at its table entry (aarch64 is the first,
 * xtensaeb the last); a non-matching one walks all 29 entries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HeaderMatchBenchmark {
    @Param({"interp", "jit"})
    public String engine;

    @Param({"aarch64", "s390x", "host"})
    public String header;

    // Non-final fields: the JIT of the JVM must not constant-fold the input.
    private Program program;
    private Executable executable;
    private byte[] bytes;
    private Invocation invocation;

    @Setup
    public void setUp() {
        program = BenchPrograms.qemuMatcher();
        executable = EngineChoice.named(engine).prepare(program);
        bytes = SampleHeaders.named(header);
        invocation = Invocation.current();
    }

    @Benchmark
    public long qemuMatcher() {
        invocation.begin(program, bytes);
        return executable.run(invocation);
    }
}
