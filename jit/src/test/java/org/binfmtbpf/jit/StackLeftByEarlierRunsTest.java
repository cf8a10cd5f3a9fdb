package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.fuzz.PoisonedStack;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.testkit.RealHeaders;
import org.binfmtbpf.verifier.AsmProgram;
import org.junit.jupiter.api.Test;

/**
 * The kernel never zeroes a program's stack: its verifier refuses every read of a byte the
 * run has not written. The JIT relies on the same proof. A program our verifier accepted
 * (and that makes no tail calls) starts on the stack the previous run left, and must answer
 * exactly as the interpreter does on a zeroed stack.
 */
class StackLeftByEarlierRunsTest {
    private static final Interpreter INTERPRETER = new Interpreter();
    private static final JitEngine JIT = new JitEngine();

    /** Prints the string at r10-8 with trace_printk's %s; nothing wrote r10-8 (the verifier's accept corpus). */
    private static Program printsUnwrittenStack() {
        return AsmProgram.acceptCorpus("trace_printk_of_unwritten_stack").program();
    }

    /** What trace_printk printed is output like r0: the same on both engines, whatever the stack held before. */
    @Test
    void tracePrintkOfUnwrittenStackPrintsTheSameOnBothEngines() {
        Program p = printsUnwrittenStack();
        List<String> printed = new ArrayList<>();
        for (Executable e : List.of(INTERPRETER.prepare(p), JIT.prepare(p))) {
            Invocation inv = new Invocation();
            PoisonedStack.fill(inv.stack);
            inv.trace = printed::add;
            inv.begin(e, new byte[256]);
            e.run(inv);
        }
        assertEquals(2, printed.size());
        assertEquals(printed.get(0), printed.get(1));
    }

    private static Program binfmt(String asm) {
        return ProgramBuilder.of("p", ProgramType.BINFMT, ConformanceAssembler.assemble(asm), StandardHelpers.registry()).build();
    }

    @Test
    void aVerifiedProgramStartsOnTheStackTheLastRunLeft() {
        Executable e = JIT.prepare(binfmt("stdw [%r10-8], 5\nldxdw %r0, [%r10-8]\nexit"));
        assertTrue(e.readsOnlyStackItWrites());
        Invocation inv = new Invocation();
        inv.stack[Invocation.STACK_SIZE - 16] = 42;
        inv.begin(e, new byte[256]);
        assertEquals(5, e.run(inv));
        assertEquals(42, inv.stack[Invocation.STACK_SIZE - 16], "the byte no run wrote was left alone");
    }

    @Test
    void everyOtherRunStartsOnAZeroedStack() {
        String reads = "stdw [%r10-8], 5\nldxdw %r0, [%r10-8]\nexit";
        assertFalse(INTERPRETER.prepare(binfmt(reads)).readsOnlyStackItWrites(), "the interpreter runs unverified programs too");
        assertFalse(new JitCompiler().compile(binfmt(reads)).readsOnlyStackItWrites(), "compiled without the verifier's word");
        Executable refused = JIT.prepare(binfmt("ldxdw %r0, [%r10-8]\nexit"));
        assertFalse(refused.readsOnlyStackItWrites(), "the verifier refuses a read of a byte never written");
        Executable tailCalls = JIT.prepare(Corpus.load("tail_call.bpf.o").programs().stream()
                .map(p -> p.program()).filter(p -> p.name().equals("dispatch")).findFirst().orElseThrow());
        assertFalse(tailCalls.readsOnlyStackItWrites(), "a tail call's target may read what its caller left");
        Executable printsStack = JIT.prepare(printsUnwrittenStack());
        assertFalse(printsStack.readsOnlyStackItWrites(), "trace_printk's %s reads memory the verifier does not check");

        Invocation inv = new Invocation();
        inv.stack[Invocation.STACK_SIZE - 8] = 42;
        inv.begin(refused, new byte[256]);
        assertEquals(0, refused.run(inv), "the refused program reads zero, as the interpreter gives it");
    }

    /**
     * Every header program of the C corpus on real headers: on a poisoned stack the JIT answers
     * as the interpreter on a zeroed one. Each engine gets its own copy of the object, so maps
     * the programs change (global_data counts its runs) change alike on both.
     */
    @Test
    void corpusProgramsAnswerTheSameOnAPoisonedStack() throws IOException {
        List<RealHeaders.Header> headers = new ArrayList<>(RealHeaders.local(40));
        headers.add(new RealHeaders.Header("256 zero bytes", new byte[256]));
        int checked = 0;
        List<String> reusing = new ArrayList<>();
        for (String object : Corpus.objects()) {
            List<Program> forInterpreter = headerPrograms(Corpus.load(object));
            List<Program> forJit = headerPrograms(Corpus.load(object));
            for (int i = 0; i < forJit.size(); i++) {
                Executable jit = JIT.prepare(forJit.get(i));
                if (!jit.readsOnlyStackItWrites()) {
                    continue;
                }
                String name = object + ":" + forJit.get(i).name();
                reusing.add(name);
                Executable reference = INTERPRETER.prepare(forInterpreter.get(i));
                Invocation poisoned = new Invocation();
                for (RealHeaders.Header h : headers) {
                    PoisonedStack.fill(poisoned.stack);
                    String expected = outcome(reference, new Invocation(), h.bytes());
                    assertEquals(expected, outcome(jit, poisoned, h.bytes()), name + " on " + h);
                    checked++;
                }
            }
        }
        assertTrue(reusing.size() >= 3, "the corpus's verified header programs reuse the stack: " + reusing);
        System.out.printf("stack reuse: %d programs x %d headers = %d runs equal on a poisoned stack: %s%n",
                reusing.size(), headers.size(), checked, reusing);
    }

    private static List<Program> headerPrograms(LoadedObject loaded) {
        return loaded.programs().stream().map(p -> p.program()).filter(p -> p.type().headerContext()).toList();
    }

    private static String outcome(Executable e, Invocation inv, byte[] header) {
        inv.begin(e, header);
        try {
            long r0 = e.run(inv);
            return "r0 = 0x" + Long.toHexString(r0) + ", interpreter " + inv.chosenInterpreter();
        } catch (BpfFault f) {
            return "fault " + f.getMessage();
        }
    }
}
