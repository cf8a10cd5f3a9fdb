package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

class TieredEngineTest {
    private final Program program = GoldenTextTest.compiledExample("branch_and_call");

    @Test
    void compileAfterInterpretsUntilTheThresholdThenRunsCompiledCode() {
        TieredEngine engine = new TieredEngine(new Tiering.CompileAfter(3), new JitCompiler());
        TieredExecutable e = (TieredExecutable) engine.prepare(program);
        Invocation inv = new Invocation();
        for (int run = 1; run <= 5; run++) {
            inv.begin(program, new byte[0]);
            assertEquals(2, e.run(inv), "run " + run);
            assertEquals(run >= 3, e.isCompiled(), "compiled after run " + run);
        }
    }

    /** Runs keep zeroing the stack while they interpret; once compiled, a verified program's runs need not. */
    @Test
    void theStackIsLeftUnzeroedOnlyOnceTheVerifiedProgramRunsCompiled() {
        Program verified = org.binfmtbpf.program.ProgramBuilder.of("verified", org.binfmtbpf.program.ProgramType.BINFMT,
                org.binfmtbpf.asm.ConformanceAssembler.assemble("stdw [%r10-8], 5\nldxdw %r0, [%r10-8]\nexit"),
                org.binfmtbpf.helpers.StandardHelpers.registry()).build();
        TieredExecutable e = (TieredExecutable) new TieredEngine(new Tiering.CompileAfter(2), new JitCompiler(VerifiedAccessFacts::of))
                .prepare(verified);
        Invocation inv = new Invocation();
        for (int run = 1; run <= 3; run++) {
            assertEquals(run >= 3, e.readsOnlyStackItWrites(), "before run " + run);
            inv.begin(e, new byte[256]);
            assertEquals(5, e.run(inv));
        }
    }

    @Test
    void compileAtLoadAndInterpretChooseOneEngineForGood() {
        assertInstanceOf(JitExecutable.class, new TieredEngine(new Tiering.CompileAtLoad(), new JitCompiler()).prepare(program));
        Executable interpreted = new TieredEngine(new Tiering.Interpret(), new JitCompiler()).prepare(program);
        assertFalse(interpreted instanceof JitExecutable || interpreted instanceof TieredExecutable);
    }

    @Test
    void policiesParseFromTheirNames() {
        assertEquals(new Tiering.Interpret(), Tiering.parse("interpret"));
        assertEquals(new Tiering.CompileAtLoad(), Tiering.parse("load"));
        assertEquals(new Tiering.CompileAfter(50), Tiering.parse("after:50"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Tiering.parse("sometimes"));
        assertTrue(bad.getMessage().contains("interpret, load, after:N"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tiering.parse("after:0"));
    }

    @Test
    void theDefaultCompilesAfterAThousandRuns() {
        assertEquals(new Tiering.CompileAfter(1000), Tiering.DEFAULT);
    }
}
