package org.binfmtbpf.bench;

import java.util.concurrent.TimeUnit;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.RawProgramSource;
import org.binfmtbpf.jit.JitCompiler;
import org.binfmtbpf.jit.JitEngine;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
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
 * Compile latency, single shot on a warm JVM: {@code codegen} is eBPF to a defined hidden
 * class; {@code prepare} is what {@code JitEngine.prepare} does for users, the verifier's
 * proof (whose facts the code generator uses) included; {@code register} is what a 'B' entry's
 * program costs before its first exec: loading it from its instructions, verifying it (once)
 * and compiling it with the verifier's facts ({@code ProgramLoader}, {@code PinnedProgram}).
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
    private JitEngine engine;
    private ProgramLoader loader;
    private RawProgramSource source;

    @Setup
    public void setUp() {
        program = BenchPrograms.straightLine(slots, 7);
        compiler = new JitCompiler();
        engine = new JitEngine();
        loader = new ProgramLoader(JitEngine::new);
        source = RawProgramSource.ofSlots("straight" + slots, ProgramType.BINFMT, program.instructions());
    }

    @Benchmark
    public Object codegen() {
        return compiler.compile(program);
    }

    @Benchmark
    public Object prepare() {
        return engine.prepare(program);
    }

    @Benchmark
    public Object register() {
        return loader.load(source).executable();
    }
}
