package org.binfmtbpf.bench;

import java.util.concurrent.TimeUnit;
import org.binfmtbpf.jit.JitCompiler;
import org.binfmtbpf.program.Program;
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
 * Compile latency: eBPF to a defined hidden class, single shot, on a warm JVM (the warm-up
 * iterations compile other programs of the same size first).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 200)
@Measurement(iterations = 200)
@Fork(3)
public class CompileBenchmark {
    @Param({"16", "256", "4096"})
    public int slots;

    private Program program;
    private JitCompiler compiler;

    @Setup
    public void setUp() {
        program = BenchPrograms.straightLine(slots, 7);
        compiler = new JitCompiler();
    }

    @Benchmark
    public Object compile() {
        return compiler.compile(program);
    }
}
