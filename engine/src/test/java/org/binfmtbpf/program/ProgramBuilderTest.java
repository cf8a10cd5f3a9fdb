package org.binfmtbpf.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.conformance.ConformanceHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.isa.Opcodes;
import org.junit.jupiter.api.Test;

/** Building a Program: validation, helper ids, LD_IMM64 values, functions and their frame sizes. */
class ProgramBuilderTest {

    private static Program build(String asm) {
        return ProgramBuilder.of("t", ProgramType.RAW, ConformanceAssembler.assemble(asm), ConformanceHelpers.registry()).build();
    }

    private static List<Integer> frames(String asm) {
        return build(asm).functions().stream().map(Subprogram::stackSize).toList();
    }

    @Test
    void framesAreTheDeepestAccessBelowR10RoundedUpTo32() {
        assertEquals(List.of(32), frames("mov %r0, 0\nexit"), "no stack use still takes 32 bytes, as in the kernel's interpreter");
        assertEquals(List.of(32), frames("stdw [%r10-8], 1\nldxdw %r0, [%r10-8]\nexit"));
        assertEquals(List.of(64), frames("stb [%r10-33], 1\nmov %r0, 0\nexit"));
        assertEquals(List.of(512), frames("stdw [%r10-512], 1\nmov %r0, 0\nexit"));
    }

    @Test
    void pointersDerivedFromR10CountWhereTheyAreUsed() {
        assertEquals(List.of(96), frames("mov %r1, %r10\nadd %r1, -100\nldxw %r0, [%r1+8]\nexit"));
        assertEquals(List.of(64), frames("mov %r2, %r10\nsub %r2, 40\nmov %r3, %r2\nstxdw [%r3], %r1\nmov %r0, 0\nexit"));
    }

    @Test
    void pointersHandedToHelpersCalleesOrMemoryReserveTheirWholeObject() {
        assertEquals(List.of(64), frames("mov %r1, %r10\nadd %r1, -64\ncall 5\nexit"));
        assertEquals(List.of(160, 32), frames("mov %r1, %r10\nadd %r1, -144\ncall local f\nexit\nf:\nmov %r0, 0\nexit"));
        assertEquals(List.of(128), frames("mov %r1, %r10\nadd %r1, -128\nstxdw [%r10-8], %r1\nmov %r0, 0\nexit"));
    }

    @Test
    void aStackPointerPlusABoundedIndexStaysPrecise() {
        assertEquals(List.of(32), frames("ldxb %r1, [%r1]\nand %r1, 15\nmov %r2, %r10\nadd %r2, -16\nadd %r2, %r1\nldxb %r0, [%r2]\nexit"));
        assertEquals(List.of(32), frames("mov %r1, 51\nand %r1, 1\nlsh %r1, 3\nmov %r2, %r10\nadd %r2, %r1\nldxdw %r0, [%r2-16]\nexit"),
                "the conformance suite's stack.data: (51 & 1) << 3 is at most 8");
        assertEquals(List.of(160), frames("ldxsb %r1, [%r1]\nmov %r2, %r10\nadd %r2, -16\nadd %r2, %r1\nldxb %r0, [%r2]\nexit"),
                "a signed byte may be -128");
    }

    @Test
    void anIndexCheckedAgainstAConstantIsBounded() {
        String checked = """
                ldxw %r1, [%r1]
                jge %r1, 48, out
                mov %r2, %r10
                add %r2, -48
                add %r2, %r1
                ldxb %r0, [%r2]
                exit
                out:
                mov %r0, 0
                exit
                """;
        assertEquals(List.of(64), frames(checked));
        String loop = """
                mov %r1, 0
                loop:
                mov %r2, %r10
                add %r2, -200
                add %r2, %r1
                stb [%r2], 0
                add %r1, 1
                jlt %r1, 200, loop
                mov %r0, 0
                exit
                """;
        assertEquals(List.of(224), frames(loop), "a loop of 200 iterations over a 200-byte buffer");
    }

    @Test
    void anUnboundedStackPointerTakesTheWholeStack() {
        assertEquals(List.of(512), frames("mov %r2, %r10\nadd %r2, %r1\nldxb %r0, [%r2-1]\nexit"));
    }

    @Test
    void loopsOverAStackBufferTerminate() {
        String upwards = """
                mov %r1, %r10
                add %r1, -64
                loop:
                stb [%r1], 0
                add %r1, 1
                jne %r1, %r10, loop
                mov %r0, 0
                exit
                """;
        assertEquals(List.of(64), frames(upwards));
        String downwards = upwards.replace("add %r1, -64", "add %r1, -1").replace("add %r1, 1\n", "add %r1, -1\n");
        assertEquals(List.of(512), frames(downwards), "a pointer moving down without bound is unknown");
    }

    @Test
    void functionsAreNamedAndBounded() {
        Instruction[] insns = ConformanceAssembler.assemble("call local f\nexit\nf:\nmov %r0, 1\nexit");
        Program p = ProgramBuilder.of("t", ProgramType.RAW, insns, ConformanceHelpers.registry())
                .functionNames(Map.of(2, "helper_fn")).build();
        assertEquals(List.of(new Subprogram("main", 0, 2, 32), new Subprogram("helper_fn", 2, 4, 32)), p.functions());
        assertEquals("f2", build("call local f\nexit\nf:\nmov %r0, 1\nexit").functions().get(1).name());
    }

    @Test
    void unknownHelpersAreRefusedAtLoadTime() {
        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> build("mov %r0, 0\ncall 12\nexit"));
        assertEquals(1, e.index());
        assertEquals("unknown helper 12 (this program type's helpers: 5)", e.reason());
    }

    @Test
    void plainLdImm64LoadsItsImmediateAndPseudoSourcesNeedTheLoader() {
        Program p = build("lddw %r0, 0x1122334455667788\nexit");
        assertEquals(0x1122334455667788L, p.imm64(0));
        Instruction[] mapLoad = {Instruction.ldImm64(1, Opcodes.PSEUDO_MAP_FD, 3), Instruction.of(0, 0, 0, 0, 0),
                Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV, 0, 0, 0, 0), Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0)};
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> ProgramBuilder.of("t", ProgramType.RAW, mapLoad, ConformanceHelpers.registry()).build());
        assertEquals(0, e.index());
        long handle = 0x11_0000_0000L;
        Program relocated = ProgramBuilder.of("t", ProgramType.RAW, mapLoad, ConformanceHelpers.registry())
                .imm64(new long[] {handle, 0, 0, 0}).build();
        assertEquals(handle, relocated.imm64(0));
    }

    @Test
    void invalidProgramsAreRefusedByTheValidator() {
        assertThrows(InvalidProgramException.class, () -> build("mov %r0, 1"));
    }
}
