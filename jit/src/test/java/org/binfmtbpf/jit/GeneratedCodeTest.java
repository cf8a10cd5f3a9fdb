package org.binfmtbpf.jit;

import org.binfmtbpf.fuzz.FuzzHelpers;
import org.binfmtbpf.fuzz.RandomProgram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/** The classes the JIT writes: valid bytecode, methods HotSpot will compile, line numbers, dumps. */
class GeneratedCodeTest {

    @Test
    void everyGeneratedClassPassesTheBytecodeVerifier() {
        for (long seed = 0; seed < 150; seed++) {
            Program p = program("verify" + seed, RandomProgram.generate(seed));
            assertVerifies(JitCompiler.classBytes(p), "program seed " + seed);
        }
        assertVerifies(JitCompiler.classBytes(program("large", LargeProgram.generate(4096, 7))), "4096-instruction program");
    }

    @Test
    void aFourThousandInstructionProgramIsCutIntoMethodsHotSpotCompiles() {
        Program p = program("large4096", LargeProgram.generate(4096, 42));
        List<ClassGenerator.MethodSize> sizes = JitCompiler.methodSizes(p);
        assertTrue(sizes.size() > 1, "the program is cut into chunks");
        for (ClassGenerator.MethodSize s : sizes) {
            assertTrue(s.bytes() < CostModel.HUGE_METHOD_LIMIT, s.name() + " has " + s.bytes() + " bytes of bytecode");
        }
        assertSameResult(p, new byte[0]);
    }

    @Test
    void aMillionInstructionProgramCompilesAndRuns() {
        Program p = program("large1m", LargeProgram.generate(1_000_000, 3));
        assertSameResult(p, new byte[0]);
    }

    @Test
    void budgetsRunOutAtTheSameInstructionInChunkedCode() {
        Program p = program("budget4096", LargeProgram.generate(4096, 9));
        org.binfmtbpf.run.Executable interp = new Interpreter().prepare(p);
        org.binfmtbpf.run.Executable jit = new JitEngine().prepare(p);
        for (long budget : new long[] {0, 1, 100, 1000, 2500, 4000, 7000, 1_000_000}) {
            assertEquals(outcome(interp, p, budget), outcome(jit, p, budget), "budget " + budget);
        }
    }

    @Test
    void lineNumbersAreInstructionIndexes() {
        Program p = program("lines", new Instruction[] {
            Instruction.of(0xb7, 0, 0, 0, 1),          // 0: mov r0, 1
            Instruction.ldImm64(1, 0, 0x1234_5678_9abcL), // 1-2: lddw r1, ...
            Instruction.of(0, 0, 0, 0, 0x1234),
            Instruction.of(0x0f, 0, 1, 0, 0),          // 3: add r0, r1
            Instruction.of(0x95, 0, 0, 0, 0)});        // 4: exit
        List<Integer> lines = new java.util.ArrayList<>();
        new ClassReader(JitCompiler.classBytes(p)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                return !name.equals("f0") ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLineNumber(int line, Label start) {
                        lines.add(line);
                    }
                };
            }
        }, 0);
        assertEquals(List.of(0, 1, 3, 4), lines);
    }

    @Test
    void theDumpPropertyWritesEachGeneratedClass(@TempDir Path dir) throws Exception {
        System.setProperty(JitCompiler.DUMP_PROPERTY, dir.toString());
        try {
            new JitCompiler().compile(program("dumped", new Instruction[] {Instruction.of(0xb7, 0, 0, 0, 7), Instruction.of(0x95, 0, 0, 0, 0)}));
        } finally {
            System.clearProperty(JitCompiler.DUMP_PROPERTY);
        }
        Path file = dir.resolve("BpfProgram_dumped.class");
        assertTrue(Files.isRegularFile(file), "dumped " + file);
        assertVerifies(Files.readAllBytes(file), "dumped class");
    }

    @Test
    void aVerifierFactTurnsAContextReadIntoAnArrayRead() {
        Program p = program("ctxread", new Instruction[] {Instruction.of(0x61, 0, 1, 4, 0), Instruction.of(0x95, 0, 0, 0, 0)});
        AccessFacts proven = pc -> pc == 0 ? new ProvenAccess.ContextRead(4) : ProvenAccess.UNKNOWN;
        String text = textOf(JitCompiler.classBytes(p, proven));
        assertTrue(text.contains("DirectBytes.load4") && !text.contains("Memory.load"), text);
        byte[] context = {1, 2, 3, 4, 5, 6, 7, 8};
        Invocation inv = new Invocation();
        inv.begin(p, context);
        assertEquals(0x08070605L, new JitCompiler(q -> proven).compile(p).run(inv));
    }

    /**
     * Where the verifier proves every access of a program (header reads at varying offsets,
     * stack walks, .rodata tables, .data and .bss values), the generated code never calls the
     * checked path, and still does what the interpreter does: the same r0 on each header and
     * the same map contents after all of them (each engine on its own copy of the object).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"phdr_loop.bpf.o", "global_data.bpf.o", "qemu_matcher.bpf.o"})
    void verifierProvenAccessesReadTheirArraysDirectly(String object) throws Exception {
        List<org.binfmtbpf.elf.LoadedProgram> forInterpreter = org.binfmtbpf.elf.Corpus.load(object).programs();
        List<org.binfmtbpf.elf.LoadedProgram> forJit = org.binfmtbpf.elf.Corpus.load(object).programs();
        for (int i = 0; i < forJit.size(); i++) {
            Program interpreted = forInterpreter.get(i).program();
            Program compiled = forJit.get(i).program();
            String text = textOf(JitCompiler.classBytes(compiled, VerifiedAccessFacts.of(compiled)));
            assertTrue(!text.contains("Memory.load") && !text.contains("Memory.store"), compiled.name() + ":\n" + text);
            org.binfmtbpf.run.Executable interp = new Interpreter().prepare(interpreted);
            org.binfmtbpf.run.Executable jit = new JitEngine().prepare(compiled);
            for (org.binfmtbpf.testkit.RealHeaders.Header h : org.binfmtbpf.testkit.RealHeaders.local(8)) {
                assertEquals(outcome(interp, h.bytes()), outcome(jit, h.bytes()), compiled.name() + " on " + h.source());
            }
            assertEquals(mapBytes(interpreted), mapBytes(compiled), compiled.name() + ": maps after the runs");
        }
    }

    private static String outcome(org.binfmtbpf.run.Executable e, byte[] context) {
        Invocation inv = new Invocation();
        inv.begin(e.program(), context);
        try {
            return "r0 = " + e.run(inv) + ", stack " + java.util.HexFormat.of().formatHex(inv.stack);
        } catch (BpfFault f) {
            return f.getMessage();
        }
    }

    private static List<String> mapBytes(Program p) {
        return p.maps().stream()
                .map(m -> m instanceof org.binfmtbpf.maps.ArrayMap a ? java.util.HexFormat.of().formatHex(a.valuesRegion().bytes()) : m.name())
                .toList();
    }

    /**
     * Should a proof ever be wrong, the JVM's own bounds check stops the direct access and the
     * run ends in a fault, as the interpreter reports its own bugs, not in a JVM exception.
     */
    @Test
    void aWrongProofEndsInAFaultNotAJvmException() {
        Program p = program("wrongproof", new Instruction[] {
            Instruction.of(0xb7, 0, 0, 0, 0), Instruction.of(0x61, 0, 1, 4, 0), Instruction.of(0x95, 0, 0, 0, 0)});
        AccessFacts wrong = pc -> pc == 1 ? new ProvenAccess.ContextRead(1000) : ProvenAccess.UNKNOWN;
        Invocation inv = new Invocation();
        inv.begin(p, new byte[8]);
        BpfFault fault = org.junit.jupiter.api.Assertions.assertThrows(BpfFault.class,
                () -> new JitCompiler(q -> wrong).compile(p).run(inv));
        assertTrue(fault.getMessage().contains("compiled code error in wrongproof"), fault.getMessage());
    }

    private static String textOf(byte[] bytes) {
        StringWriter out = new StringWriter();
        new ClassReader(bytes).accept(new org.objectweb.asm.util.TraceClassVisitor(new PrintWriter(out)), 0);
        return out.toString();
    }

    static Program program(String name, Instruction[] slots) {
        return ProgramBuilder.of(name, ProgramType.RAW, slots, FuzzHelpers.REGISTRY).build();
    }

    static void assertVerifies(byte[] bytes, String what) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), GeneratedCodeTest.class.getClassLoader(), false, new PrintWriter(problems));
        assertEquals("", problems.toString(), what + " fails verification");
    }

    static void assertSameResult(Program p, byte[] context) {
        assertEquals(outcome(new Interpreter(), p, context), outcome(new JitEngine(), p, context), p.name());
    }

    private static String outcome(org.binfmtbpf.run.Executable e, Program p, long budget) {
        Invocation inv = new Invocation();
        inv.begin(p, new byte[0]);
        inv.budget = budget;
        try {
            return "r0 = " + e.run(inv) + ", stack " + java.util.HexFormat.of().formatHex(inv.stack);
        } catch (BpfFault f) {
            return f.getMessage() + ", stack " + java.util.HexFormat.of().formatHex(inv.stack);
        }
    }

    private static String outcome(org.binfmtbpf.run.Engine engine, Program p, byte[] context) {
        Invocation inv = new Invocation();
        inv.begin(p, context);
        try {
            return "r0 = " + engine.prepare(p).run(inv) + ", stack " + java.util.HexFormat.of().formatHex(inv.stack);
        } catch (BpfFault f) {
            return f.getMessage();
        }
    }
}
