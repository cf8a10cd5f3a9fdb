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
 * A 4,096-instruction program (the kernel's unprivileged limit): the JIT must split it into
 * methods HotSpot still compiles (under 8,000 bytes of bytecode each) and stay fast.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class LargeProgramBenchmark {
    @Param({"interp", "jit"})
    public String engine;

    @Param({"4096"})
    public int slots;

    private Program program;
    private Executable executable;
    private byte[] bytes;
    private Invocation invocation;

    @Setup
    public void setUp() {
        program = BenchPrograms.straightLine(slots, 42);
        executable = EngineChoice.named(engine).prepare(program);
        bytes = SampleHeaders.named("host");
        invocation = Invocation.current();
    }

    @Benchmark
    public long run() {
        invocation.begin(executable, bytes);
        return executable.run(invocation);
    }
}
