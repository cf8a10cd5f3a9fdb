package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.binfmtbpf.program.Program;
import org.junit.jupiter.api.Test;

/** How the verifier explains itself: a one-line summary, and a kernel-style log at levels 0-2. */
class VerifierLogTest {

    private static final String OUT_OF_BOUNDS = """
            # why: reads one byte past the header
            mov %r0, 0
            ldxb %r2, [%r1+0]
            jeq %r2, 1, bad
            exit
            bad:
            ldxb %r0, [%r1+256]
            exit
            """;

    private static Program program(String asm) {
        return AsmProgram.parse("hdr.s", asm).program();
    }

    @Test
    void theSummaryNamesTheInstructionTheReasonAndTheSourceLine() {
        VerificationException e = assertThrows(VerificationException.class, () -> Verifier.verify(program(OUT_OF_BOUNDS)));
        assertEquals(4, e.pc());
        assertEquals("invalid bpf_context access off=256 size=1", e.reason());
        assertEquals("insn 4: invalid bpf_context access off=256 size=1 (hdr.s:7)", e.getMessage());
        assertEquals(7, e.source().line());
    }

    @Test
    void levelOneShowsThePathTheStateTheInstructionAndTheReason() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> Verifier.verify(program(OUT_OF_BOUNDS), VerifierOptions.defaults().withLogLevel(1)));
        String log = e.log();
        assertTrue(log.contains("path to the refused instruction"), log);
        assertTrue(log.contains("2: (15) if r2 == 0x1 goto"), log);
        assertTrue(log.contains("state: R0=0 R1=ctx() R2=1 R10=fp0"), log);
        assertTrue(log.contains("; ldxb %r0, [%r1+256] @ hdr.s:7"), log);
        assertTrue(log.contains("4: (71) w0 = *(u8 *)(r1 + 0x100)"), log);
        assertTrue(log.strip().endsWith("invalid bpf_context access off=256 size=1"), log);
    }

    @Test
    void levelZeroShowsOnlyTheInstructionAndTheReason() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> Verifier.verify(program(OUT_OF_BOUNDS), VerifierOptions.defaults().withLogLevel(0)));
        assertEquals(3, e.log().strip().split("\n").length, e.log());
    }

    @Test
    void levelTwoShowsEveryInstructionWithTheRegistersItWrote() throws Exception {
        VerifierResult r = Verifier.verify(program("""
                # why: a short accepted program
                mov %r0, 0
                ldxb %r2, [%r1+3]
                jeq %r2, 1, one
                exit
                one:
                mov %r0, 1
                exit
                """), VerifierOptions.defaults().withLogLevel(2));
        String log = r.log();
        assertTrue(log.contains("0: (b7) r0 = 0x0 ; R0_w=0"), log);
        assertTrue(log.contains("1: (71) w2 = *(u8 *)(r1 + 0x3) ; R2_w=scalar(smin=0,smax=255,umax=255,smin32=0,smax32=255,umax32=255,var_off=(0x0; 0xff))"), log);
        assertTrue(log.contains("from 2 to 4: R0=0 R1=ctx() R2=1 R10=fp0"), log);
        assertTrue(log.contains("processed 6 insns"), log);
    }
}
