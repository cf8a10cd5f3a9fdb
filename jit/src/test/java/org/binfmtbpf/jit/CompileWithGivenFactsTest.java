package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierFacts;
import org.junit.jupiter.api.Test;

/**
 * A caller that has verified a program hands the JIT the verifier's facts instead of letting it
 * verify again (registration verifies once, as BPF_PROG_LOAD does): the code is the same.
 */
class CompileWithGivenFactsTest {
    private static Program binfmt(String name, String asm) {
        return ProgramBuilder.of(name, ProgramType.BINFMT, ConformanceAssembler.assemble(asm), StandardHelpers.registry()).build();
    }

    private final Program program = binfmt("stack", "stdw [%r10-8], 5\nldxb %r1, [%r1+3]\nldxdw %r0, [%r10-8]\nadd %r0, %r1\nexit");

    @Test
    void givenFactsGenerateTheClassTheJitWouldGenerateAfterVerifyingItself() throws Exception {
        VerifierFacts proven = Verifier.verify(program).facts();
        assertArrayEquals(JitCompiler.classBytes(program, VerifiedAccessFacts.of(program)),
                JitCompiler.classBytes(program, VerifiedAccessFacts.from(program, proven)));
    }

    @Test
    void aCompilerThatWouldNotVerifyUsesTheFactsItIsGiven() throws Exception {
        VerifierFacts proven = Verifier.verify(program).facts();
        assertFalse(new JitCompiler().compile(program).readsOnlyStackItWrites(), "on its own: no verifier");
        JitExecutable compiled = new JitCompiler().compile(program, proven);
        assertTrue(compiled.readsOnlyStackItWrites());
        Invocation inv = new Invocation();
        inv.begin(compiled, new byte[] {0, 0, 0, 7});
        assertEquals(12, compiled.run(inv));
    }

    @Test
    void anotherProgramsFactsAreRefused() throws Exception {
        VerifierFacts others = Verifier.verify(binfmt("other", "mov %r0, 0\nexit")).facts();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JitEngine().prepare(program, others));
        assertEquals("the verifier's facts given for stack are another program's", e.getMessage());
    }

    @Test
    void theTieredEngineCompilesWithTheFactsItWasGiven() throws Exception {
        VerifierFacts proven = Verifier.verify(program).facts();
        Executable e = new TieredEngine(new Tiering.CompileAfter(1), new JitCompiler()).prepare(program, proven);
        Invocation inv = new Invocation();
        inv.begin(e, new byte[256]);
        assertEquals(5, e.run(inv));
        assertTrue(e.readsOnlyStackItWrites(), "compiled with the verifier's facts");
    }
}
