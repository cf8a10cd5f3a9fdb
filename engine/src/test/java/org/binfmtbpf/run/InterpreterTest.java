package org.binfmtbpf.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.junit.jupiter.api.Test;

/**
 * What the interpreter does beyond single instructions (those are specified by the .data
 * files): entry registers, helper faults, tail calls, programs run from helpers.
 */
class InterpreterTest {
    static final Interpreter ENGINE = new Interpreter();

    private static Program program(String asm) {
        return ProgramBuilder.of("t", ProgramType.RAW, ConformanceAssembler.assemble(asm), TestHelpers.REGISTRY).build();
    }

    private static long run(Program p, byte[] context) {
        return ENGINE.prepare(p).run(context);
    }

    @Test
    void r1PointsAtTheContextAndR2HoldsItsLength() {
        assertEquals(0x0504030201L + 5 * 0x100_0000_0000L,
                run(program("ldxw %r0, [%r1]\nldxb %r3, [%r1+4]\nlsh %r3, 32\nor %r0, %r3\nlsh %r2, 40\nadd %r0, %r2\nexit"),
                        new byte[] {1, 2, 3, 4, 5}));
    }

    @Test
    void aHelperFaultIsReportedAtTheCallingInstruction() {
        BpfFault f = assertThrows(BpfFault.class, () -> run(program("mov %r1, 0\nmov %r0, 0\ncall 20\nexit"), new byte[0]));
        assertEquals("insn 2: invalid read of 8 bytes at 0x0 (not a pointer)", f.getMessage());
    }

    @Test
    void aHelperThatThrowsBecomesAFaultNotAJvmException() {
        BpfFault f = assertThrows(BpfFault.class, () -> run(program("call 21\nexit"), new byte[0]));
        assertEquals("insn 0: helper 21 (broken) failed: java.lang.IllegalStateException: bug in a helper", f.getMessage());
    }

    @Test
    void aTailCallRunsTheTargetWithTheCallersRegistersAndNeverReturns() {
        TestHelpers.target = program("mov %r0, %r6\nadd %r0, %r3\nexit");
        Program caller = program("mov %r6, 40\nmov %r3, 0\ncall 12\nmov %r0, -1\nexit");
        assertEquals(40, run(caller, new byte[0]));
    }

    @Test
    void aFailedTailCallFallsThrough() {
        TestHelpers.target = program("mov %r0, 1\nexit");
        assertEquals(7, run(program("mov %r3, 1\ncall 12\nmov %r0, 7\nexit"), new byte[0]));
    }

    @Test
    void tailCallsStopAfter33() {
        Program loop = program("add %r6, 1\nmov %r3, 0\ncall 12\nmov %r0, %r6\nexit");
        TestHelpers.target = loop;
        assertEquals(Invocation.MAX_TAIL_CALLS + 1, run(loop, new byte[0]));
    }

    @Test
    void aTailCallFromACalleeReplacesOnlyThatFunction() {
        TestHelpers.target = program("mov %r0, 5\nexit");
        Program caller = program("mov %r3, 0\ncall local f\nadd %r0, 100\nexit\nf:\ncall 12\nmov %r0, -1\nexit");
        assertEquals(105, run(caller, new byte[0]));
    }

    @Test
    void aHelperMayRunAnotherProgramOnTheSameThread() {
        TestHelpers.target = program("mov %r6, 3\ncall local f\nadd %r0, %r6\nexit\nf:\nmov %r6, 9\nmov %r0, 30\nexit");
        Program outer = program("mov %r6, 1000\ncall local f\nadd %r0, %r6\nexit\nf:\nmov %r6, 1\ncall 22\nexit");
        assertEquals(1033, run(outer, new byte[0]));
    }

    @Test
    void eachRunStartsFromAZeroedStack() {
        Program p = program("ldxdw %r0, [%r10-8]\nstdw [%r10-8], 99\nexit");
        assertEquals(0, run(p, new byte[0]));
        assertEquals(0, run(p, new byte[0]));
    }

    /** How the search loop runs one 'B' entry after another on the header it bound once. */
    @Test
    void againRunsAnotherHeaderProgramOnTheBoundHeaderFromAZeroedStack() {
        Program header = ProgramBuilder.of("h", ProgramType.BINFMT,
                ConformanceAssembler.assemble("ldxdw %r0, [%r10-8]\nldxb %r3, [%r1+255]\nadd %r0, %r3\nstdw [%r10-8], 99\nexit"),
                TestHelpers.REGISTRY).build();
        Executable e = ENGINE.prepare(header);
        byte[] bytes = new byte[256];
        bytes[255] = 7;
        Invocation inv = new Invocation();
        inv.begin(header, bytes);
        assertEquals(7, e.run(inv));
        inv.again(e);
        assertEquals(7, e.run(inv), "the stack was zeroed again, the header is still bound");
        Executable raw = ENGINE.prepare(program("mov %r0, 0\nexit"));
        assertThrows(IllegalStateException.class, () -> inv.again(raw), "a RAW program needs its own context");
    }
}
