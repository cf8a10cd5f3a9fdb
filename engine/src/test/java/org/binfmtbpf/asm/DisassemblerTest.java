package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.isa.ProgramValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The disassembler's text without llvm at hand: llvm-objdump-19's spelling (checked against
 * llvm itself by DisassemblerObjdumpTest and DisassemblerLlvmMcTest) and our annotations for
 * what llvm's text drops.
 */
class DisassemblerTest {

    private static String text(String conformanceAsm) {
        return Disassembler.DEFAULT.format(ConformanceAssembler.assemble(conformanceAsm)[0]);
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ldxb %r0, [%r1+4]               | r0 = *(u8 *)(r1 + 0x4)
            add32 %r2, 2                    | w2 += 0x2
            jne %r2, 0x464c457f, +5         | if r2 != 0x464c457f goto +0x5
            bswap64 %r3                     | r3 = bswap64 r3
            lock add [%r10-8], %r1          | lock *(u64 *)(r10 - 0x8) += r1
            lock fetch add [%r10-8], %r0    | r0 = atomic_fetch_add((u64 *)(r10 - 0x8), r0)
            call 212                        | call 0xd4
            exit                            | exit
            lddw %r1, 0x1122334455667788    | r1 = 0x1122334455667788 ll
            movsx864 %r0, %r1               | r0 = (s8)r1
            ldxsh %r0, [%r1+2]              | r0 = *(s16 *)(r1 + 0x2)
            sdiv32 %r0, %r1                 | w0 s/= w1
            ja32 +3                         | gotol +0x3
            be16 %r0                        | r0 = be16 r0
            ldabsw 8                        | r0 = *(u32 *)skb[0x8]
            stdw [%r10-16], -1              | *(u64 *)(r10 - 0x10) = -0x1
            lock cmpxchg32 [%r10-8], %r1    | w0 = cmpxchg32_32(r10 - 0x8, w0, w1)
            call %r5                        | callx r5
            """)
    void printsLlvmObjdumpSyntax(String asm, String expected) {
        assertEquals(expected, text(asm));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            call local +3                   | call 0x3 # local
            call runtime 16                 | call 0x10 # kfunc
            ldindb %r3, 4                   | r0 = *(u8 *)skb[r3] # imm 0x4
            """)
    void annotatesWhatLlvmsTextDrops(String asm, String expected) {
        assertEquals(expected, text(asm));
    }

    @Test
    void annotatesPseudoLoadsWithTheirSecondImmediate() {
        assertEquals("ld_pseudo\tr1, 0x2, 0x3 # next_imm 0x8",
                Disassembler.DEFAULT.format(new Instruction(0x18, 1, 2, (short) 0, 3, 8)));
        assertEquals("ld_pseudo\tr1, 0x1, 0xffffffff", Disassembler.DEFAULT.format(new Instruction(0x18, 1, 1, (short) 0, -1, 0)));
    }

    @Test
    void theTwoRegisterViewsDifferIn32BitLoadsStoresAndAtomicAdd() {
        Instruction[] slots = ConformanceAssembler.assemble("ldxw %r1, [%r2]\nstxh [%r2+2], %r1\nlock add32 [%r2], %r1");
        assertEquals(List.of("r1 = *(u32 *)(r2 + 0x0)", "*(u16 *)(r2 + 0x2) = r1", "lock *(u32 *)(r2 + 0x0) += r1"),
                List.of(Disassembler.DEFAULT.format(slots[0]), Disassembler.DEFAULT.format(slots[1]),
                        Disassembler.DEFAULT.format(slots[2])));
        assertEquals(List.of("w1 = *(u32 *)(r2 + 0x0)", "*(u16 *)(r2 + 0x2) = w1", "lock *(u32 *)(r2 + 0x0) += w1"),
                List.of(Disassembler.ALU32.format(slots[0]), Disassembler.ALU32.format(slots[1]),
                        Disassembler.ALU32.format(slots[2])));
    }

    @Test
    void unknownOpcodesPrintAsLlvmDoes() {
        assertEquals("<unknown>", Disassembler.DEFAULT.format(Instruction.of(0xe5, 0, 0, 0, 0)));
    }

    @Test
    void listsAProgramLikeLlvmObjdumpWithSymbolsAndJumpTargets() {
        Instruction[] slots = ConformanceAssembler.assemble("""
                lddw %r0, 1
                jeq %r1, 0, +1
                call local f
                exit
                f:
                ja +0
                exit
                """);
        assertEquals(List.of(
                "",
                "0000000000000000 <main>:",
                "       0:\tr0 = 0x1 ll",
                "       2:\tif r1 == 0x0 goto +0x1 <main+0x20>",
                "       3:\tcall 0x1 # local",
                "       4:\texit",
                "",
                "0000000000000028 <f>:",
                "       5:\tgoto +0x0 <f+0x8>",
                "       6:\texit"), Disassembler.DEFAULT.listing(slots, Map.of(0, "main", 5, "f")));
        assertEquals("       2:\tif r1 == 0x0 goto +0x1", Disassembler.DEFAULT.listing(slots).get(1));
    }

    @Test
    void validationErrorsShowTheInstructionAsTextAndBytes() {
        InvalidProgramException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidProgramException.class,
                () -> ProgramValidator.validate(new Instruction[] {Instruction.of(0x07, 0, 1, 0, 1), Instruction.of(0x95, 0, 0, 0, 0)}));
        assertEquals("instruction 0 (r0 += 0x1; 07 10 00 00 01 00 00 00): add: src is reserved and must be 0 (is 1)",
                e.getMessage());
    }
}
