package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.verifier.VerifierFacts;
import org.junit.jupiter.api.Test;

/** How a pinned program reaches its engine: verified once, and compiled with what that verification proved. */
class ProgramLoaderTest {
    /** An engine that records how it was asked to prepare each program. */
    private static final class RecordingEngine implements Engine {
        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Executable prepare(Program program) {
            calls.add("prepare " + program.name() + " without facts");
            return new Interpreter().prepare(program);
        }

        @Override
        public Executable prepare(Program program, VerifierFacts proven) {
            calls.add("prepare " + program.name() + " with " + (proven.areFactsOf(program) ? "its own" : "another program's")
                    + " facts");
            return new Interpreter().prepare(program);
        }
    }

    private static final String READS_WHAT_IT_WROTE = "stdw [%r10-8], 5\nldxdw %r0, [%r10-8]\nexit";

    @Test
    void theEngineGetsTheFactsOfTheOneVerificationInsteadOfVerifyingAgain() {
        RecordingEngine engine = new RecordingEngine();
        PinnedProgram pinned = new ProgramLoader(() -> engine).load(TestPrograms.binfmt("stack", READS_WHAT_IT_WROTE));
        Executable first = pinned.executable();
        assertSame(first, pinned.executable(), "prepared once");
        assertEquals(List.of("prepare stack with its own facts"), engine.calls);
    }

    @Test
    void aProgramTheLoaderDidNotVerifyIsPreparedWithoutFacts() {
        RecordingEngine engine = new RecordingEngine();
        new ProgramLoader(() -> engine).withoutVerifier().load(TestPrograms.binfmt("unverified", READS_WHAT_IT_WROTE))
                .executable();
        assertEquals(List.of("prepare unverified without facts"), engine.calls);
    }

    @Test
    void aProgramAskedForItsExecutableFirstIsStillVerifiedOnce() {
        RecordingEngine engine = new RecordingEngine();
        PinnedProgram wrapped = new ProgramLoader(() -> engine).wrap(TestPrograms.binfmt("lazy", READS_WHAT_IT_WROTE));
        wrapped.executable();
        assertEquals("lazy", wrapped.program().name());
        assertEquals(List.of("prepare lazy with its own facts"), engine.calls);
    }
}
