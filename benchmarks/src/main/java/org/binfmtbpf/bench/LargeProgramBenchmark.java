package org.binfmtbpf.bench;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A 4,096-instruction program (the kernel's unprivileged limit): the JIT must split it into
 * methods HotSpot still compiles (under 8,000 bytes of bytecode each) and stay fast.
 */
public class LargeProgramBenchmark extends NanosPerRun {
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
