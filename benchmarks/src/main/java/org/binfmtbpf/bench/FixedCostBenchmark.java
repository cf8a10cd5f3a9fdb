package org.binfmtbpf.bench;

import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What every run pays before the program's own work: {@code begin} (binding the header,
 * resetting the invocation, zeroing the stack when the engine needs it) and a run of
 * {@code r0 = 0; exit}. The header programs' figures in {@link HeaderMatchBenchmark} include
 * both; short runs are dominated by them.
 */
public class FixedCostBenchmark extends NanosPerRun {
    @Param({"interp", "jit"})
    public String engine;

    /** "empty": the two-instruction program; otherwise a HeaderMatchBenchmark program (its stack is what begin zeroes). */
    @Param({"empty", "phdr-walk"})
    public String program;

    private Executable executable;
    private byte[] bytes;
    private Invocation invocation;

    @Setup
    public void setUp() {
        Program loaded = program.equals("empty")
                ? ProgramBuilder.of("empty", ProgramType.BINFMT, ConformanceAssembler.assemble("mov %r0, 0\nexit"),
                        StandardHelpers.registry()).build()
                : BenchPrograms.named(program);
        executable = EngineChoice.named(engine).prepare(loaded);
        bytes = SampleHeaders.named("host");
        invocation = Invocation.current();
        invocation.begin(executable, bytes);
    }

    /** Only the preparation of a run. */
    @Benchmark
    public Invocation begin() {
        invocation.begin(executable, bytes);
        return invocation;
    }

    /** Preparation and run, as every caller does; for "empty" the whole fixed cost. */
    @Benchmark
    public long beginAndRun() {
        invocation.begin(executable, bytes);
        return executable.run(invocation);
    }
}
