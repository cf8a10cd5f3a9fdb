package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

/** Calls, tail calls and their limits end the same on the JIT as on the interpreter, also across threads. */
class CallsAndTailCallsTest {
    private static Instruction mov(int dst, int imm) { return Instruction.of(0xb7, dst, 0, 0, imm); }
    private static Instruction movReg(int dst, int src) { return Instruction.of(0xbf, dst, src, 0, 0); }
    private static Instruction add(int dst, int imm) { return Instruction.of(0x07, dst, 0, 0, imm); }
    private static Instruction call(int helper) { return Instruction.of(0x85, 0, 0, 0, helper); }
    private static Instruction callLocal(int delta) { return Instruction.of(0x85, 0, 1, 0, delta); }
    private static Instruction stackStore(int off) { return Instruction.of(0x7a, 10, 0, off, 1); } // stdw [r10+off], 1
    private static final Instruction EXIT = Instruction.of(0x95, 0, 0, 0, 0);

    private static Program program(String name, Instruction... slots) {
        return ProgramBuilder.of(name, ProgramType.RAW, slots, TailCallHelpers.REGISTRY).build();
    }

    /** Target 0 returns the r6 it inherited plus 1000; target 1 tail-calls itself until the kernel's limit. */
    private static void installTargets() {
        Program plus1000 = program("plus1000", movReg(0, 6), add(0, 1000), EXIT);
        Program again = program("again", add(6, 1), mov(3, 1), call(12), movReg(0, 6), EXIT);
        TailCallHelpers.targets = List.of(plus1000, again);
    }

    @Test
    void aTailCallRunsTheTargetOnTheCallersRegisters() {
        installTargets();
        Program p = program("tail", mov(6, 7), mov(3, 0), call(12), mov(0, 99), EXIT);
        assertEquals("r0 = 1007", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    /**
     * Unverifiable (the kernel's verifier makes r1-r5 unreadable after a call) but defined for our
     * engines: the caller has its own r1-r5 back, as in the kernel's interpreter, where a callee
     * gets registers of its own; the callee starts with the caller's.
     */
    @Test
    void aCallerHasItsOwnArgumentRegistersBackAfterALocalCall() {
        Program p = program("ownargs",
                mov(1, 1), mov(2, 20), callLocal(2), Instruction.of(0x0f, 0, 1, 0, 0), EXIT, // r0 = f() + r1
                movReg(0, 2), mov(1, 7), EXIT);                                           // f: r1 = 7, returns r2
        assertEquals("r0 = 21", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    @Test
    void tailCallsStopAfterThirtyThree() {
        installTargets();
        Program p = program("chain", mov(6, 0), mov(3, 1), call(12), mov(0, 99), EXIT);
        assertEquals("r0 = 33", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    @Test
    void aTailCallFromAFunctionReturnsToItsCaller() {
        installTargets();
        Program p = program("fromcallee",
                mov(6, 5), callLocal(2), add(0, 1), EXIT,                // main: r0 = f() + 1
                stackStore(-8), mov(3, 0), call(12), mov(0, 99), EXIT); // f: tail-calls plus1000
        assertEquals("r0 = 1006", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    /**
     * The JIT pins a main function's frame at the stack top (constant stack indices); a tail
     * call from a callee must still run its target below the callers' frames, whose bytes
     * survive it: main keeps 1 at r10-8, the target writes 7 at its own r10-8 and returns it.
     */
    @Test
    void aTailCallFromAFunctionRunsItsTargetBelowTheCallersFrames() {
        Program writesItsFrame = program("writesItsFrame", Instruction.of(0x7a, 10, 0, -8, 7), Instruction.of(0x79, 0, 10, -8, 0), EXIT);
        TailCallHelpers.targets = List.of(writesItsFrame);
        Program p = program("belowcallers",
                stackStore(-8), callLocal(3), Instruction.of(0x79, 1, 10, -8, 0), Instruction.of(0x0f, 0, 1, 0, 0), EXIT,
                stackStore(-8), mov(3, 0), call(12), mov(0, 99), EXIT);
        assertEquals("r0 = 8", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    /**
     * As in the kernel, a tail call from a function starts its target's own chain of 8 frames
     * and 512 bytes where the function was: a program that tail-calls itself from a function
     * nests 34 deep (68 frames, 34 x 64 bytes of stack) and returns the 34 its last run counted.
     */
    @Test
    void tailCallsFromAFunctionNestAsDeepAsInTheKernel() {
        List<Program> itself = new ArrayList<>();
        TailCallHelpers.targets = itself;
        Program p = program("nest",
                callLocal(1), EXIT,                                                // main: return f()
                add(6, 1), stackStore(-8), mov(3, 0), call(12), movReg(0, 6), EXIT); // f: r6 += 1; tail-call main
        itself.add(p);
        assertEquals("r0 = 34", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    /**
     * A tail-called program's frames are counted from where it started: one that uses all 8
     * frames (main and 7 nested calls) still runs when a third frame tail-calls it (10 frames
     * in the run), as the kernel, whose verifier checked it alone, runs it.
     */
    @Test
    void aTailCalledProgramGetsEightFramesOfItsOwn() {
        Instruction jeqZero = Instruction.of(0x15, 1, 0, 1, 0); // if r1 == 0 skip the next
        TailCallHelpers.targets = List.of(program("eightFrames",
                mov(0, 42), mov(1, 7), callLocal(1), EXIT,       // main: f(7)
                add(1, -1), jeqZero, callLocal(-3), EXIT));     // f: if (--r1 != 0) f()
        Program p = program("thirdFrame", callLocal(1), EXIT, callLocal(1), EXIT, mov(3, 0), call(12), EXIT);
        assertEquals("r0 = 42", outcome(new JitEngine(), p));
        assertEquals(outcome(new Interpreter(), p), outcome(new JitEngine(), p));
    }

    @Test
    void unboundedRecursionFaultsAtTheNinthFrame() {
        Program p = program("recursion", callLocal(1), EXIT, callLocal(-1), EXIT);
        String jit = outcome(new JitEngine(), p);
        assertEquals(outcome(new Interpreter(), p), jit);
        assertEquals("fault insn 2: call to f2 would make 9 frames (at most 8)", jit);
    }

    @Test
    void framesBeyondFiveHundredTwelveBytesFault() {
        Program p = program("deepframes", stackStore(-256), callLocal(1), EXIT, stackStore(-256), callLocal(-2), EXIT);
        String jit = outcome(new JitEngine(), p);
        assertEquals(outcome(new Interpreter(), p), jit);
        assertEquals("fault insn 4: call to f3 would use 768 bytes of stack (at most 512)", jit);
    }

    @Test
    void oneExecutableRunsOnManyThreadsAtOnce() throws Exception {
        Program p = GeneratedCodeTest.program("threads", LargeProgram.generate(2000, 11));
        String expected = outcome(new Interpreter(), p);
        Executable shared = new JitEngine().prepare(p);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    Invocation inv = new Invocation();
                    for (int i = 0; i < 200; i++) {
                        out.add(outcome(shared, p, inv));
                    }
                    return out;
                }));
            }
            for (Future<List<String>> f : results) {
                for (String s : f.get()) {
                    assertEquals(expected, s);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Functions too large for one method keep their registers in the register file of their
     * call depth: a chunked main calls a chunked function that ends in a tail call, and every
     * register and the result come out as on the interpreter, run after run on one invocation.
     */
    @Test
    void chunkedFunctionsCallAndTailCallLikeTheInterpreter() {
        installTargets();
        List<Instruction> slots = new ArrayList<>();
        slots.add(mov(6, 5));
        slots.addAll(withoutExit(LargeProgram.generate(3000, 11)));
        slots.add(movReg(8, 0));
        int callAt = slots.size();
        slots.add(null);
        slots.add(Instruction.of(0x0f, 0, 8, 0, 0)); // r0 += r8
        slots.add(Instruction.of(0x0f, 0, 6, 0, 0)); // r0 += r6
        slots.add(EXIT);
        slots.set(callAt, callLocal(slots.size() - callAt - 1));
        slots.addAll(withoutExit(LargeProgram.generate(3000, 12)));
        slots.add(movReg(6, 0));
        slots.add(mov(3, 0));
        slots.add(call(12)); // tail call: plus1000 returns this function's r6 + 1000
        slots.add(EXIT);
        Program p = program("chunkedcalls", slots.toArray(Instruction[]::new));
        org.junit.jupiter.api.Assertions.assertTrue(JitCompiler.methodSizes(p).size() > 4, "both functions are chunked");
        Executable interp = new Interpreter().prepare(p);
        Executable jit = new JitEngine().prepare(p);
        Invocation inv = new Invocation();
        for (int run = 0; run < 3; run++) {
            String expected = outcome(interp, p, inv);
            org.junit.jupiter.api.Assertions.assertTrue(expected.startsWith("r0 = "), expected);
            assertEquals(expected, outcome(jit, p, inv), "run " + run);
        }
    }

    private static List<Instruction> withoutExit(Instruction[] slots) {
        return List.of(slots).subList(0, slots.length - 1);
    }

    private static String outcome(Engine engine, Program p) {
        return outcome(engine.prepare(p), p, new Invocation());
    }

    private static String outcome(Executable e, Program p, Invocation inv) {
        inv.begin(p, new byte[16]);
        try {
            return "r0 = " + e.run(inv);
        } catch (BpfFault f) {
            return "fault " + f.getMessage();
        }
    }
}
