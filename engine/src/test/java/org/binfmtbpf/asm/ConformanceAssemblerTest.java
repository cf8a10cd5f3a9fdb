package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The conformance suite's assembler syntax, instruction family by family, and its errors. */
class ConformanceAssemblerTest {

    private static String hex(String source) {
        return HexFormat.ofDelimiter(" ").formatHex(InstructionCodec.encode(ConformanceAssembler.assemble(source)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mov %r0, 1                         | b7 00 00 00 01 00 00 00
            mov32 %r1, -1                      | b4 01 00 00 ff ff ff ff
            mov32 r1, 0xffffffff               | b4 01 00 00 ff ff ff ff
            add %r1, %r2                       | 0f 21 00 00 00 00 00 00
            add64 r3, 0x10                     | 07 03 00 00 10 00 00 00
            arsh32 %r4, %r5                    | cc 54 00 00 00 00 00 00
            sdiv32 %r1, %r2                    | 3c 21 01 00 00 00 00 00
            smod %r1, 3                        | 97 01 01 00 03 00 00 00
            movsx832 %r2, %r1                  | bc 12 08 00 00 00 00 00
            movsx1664 %r8, %r7                 | bf 78 10 00 00 00 00 00
            movsx3264 %r0, %r9                 | bf 90 20 00 00 00 00 00
            neg32 %r2                          | 84 02 00 00 00 00 00 00
            neg64 %r2                          | 87 02 00 00 00 00 00 00
            be16 %r1                           | dc 01 00 00 10 00 00 00
            le64 %r0                           | d4 00 00 00 40 00 00 00
            swap32 %r0                         | d7 00 00 00 20 00 00 00
            bswap64 %r0                        | d7 00 00 00 40 00 00 00
            lddw %r0, 0x1122334455667788       | 18 00 00 00 88 77 66 55 00 00 00 00 44 33 22 11
            lddw %r1, -2                       | 18 01 00 00 fe ff ff ff 00 00 00 00 ff ff ff ff
            lddw %r0, 18446744073709551615     | 18 00 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff
            ldxdw %r0, [%r1+8]                 | 79 10 08 00 00 00 00 00
            ldxh %r0, [%r1]                    | 69 10 00 00 00 00 00 00
            ldxsb %r0, [%r10-1]                | 91 a0 ff ff 00 00 00 00
            ldxsw %r0, [ %r1 + 0x10 ]          | 81 10 10 00 00 00 00 00
            stw [%r10-4], 5                    | 62 0a fc ff 05 00 00 00
            stdw [%r10-8], -1                  | 7a 0a f8 ff ff ff ff ff
            stxb [%r1], %r2                    | 73 21 00 00 00 00 00 00
            lock add [%r10-8], %r1             | db 1a f8 ff 00 00 00 00
            lock add32 [%r10-4], %r1           | c3 1a fc ff 00 00 00 00
            lock fetch xor32 [%r10-4], %r3     | c3 3a fc ff a1 00 00 00
            lock fetch and [%r10-8], %r3       | db 3a f8 ff 51 00 00 00
            lock xchg [%r10-8], %r1            | db 1a f8 ff e1 00 00 00
            lock cmpxchg32 [%r10-8], %r1       | c3 1a f8 ff f1 00 00 00
            jeq %r1, 5, +1                     | 15 01 01 00 05 00 00 00
            jsgt %r1, -1, +0                   | 65 01 00 00 ff ff ff ff
            jne32 %r1, %r2, -2                 | 5e 21 fe ff 00 00 00 00
            jset %r1, 0x80000000, +1           | 45 01 01 00 00 00 00 80
            ja +3                              | 05 00 03 00 00 00 00 00
            ja32 -3                            | 06 00 00 00 fd ff ff ff
            call 5                             | 85 00 00 00 05 00 00 00
            call helper 7                      | 85 00 00 00 07 00 00 00
            call runtime 99                    | 85 20 00 00 63 00 00 00
            call local +2                      | 85 10 00 00 02 00 00 00
            call %r2                           | 8d 02 00 00 00 00 00 00
            ldabsh 12                          | 28 00 00 00 0c 00 00 00
            ldindb %r1, 4                      | 50 10 00 00 04 00 00 00
            exit                               | 95 00 00 00 00 00 00 00
            """)
    void encodesEachInstructionFamily(String source, String expected) {
        assertEquals(expected, hex(source));
    }

    @Test
    void labelsCountSlotsSoAWideLoadTakesTwo() {
        Instruction[] slots = ConformanceAssembler.assemble("""
                # comment line
                start:
                    jeq %r1, 0, done   # forward, over the two slots of lddw
                    lddw %r0, 1
                    ja32 start
                done: mov %r0, 2
                    call local f
                    jne %r0, 0, exit   # 'exit' is the first exit unless defined
                    exit
                f:
                    exit
                """);
        assertEquals(9, slots.length);
        assertEquals(3, slots[0].off());      // 0 -> 4
        assertEquals(-4, slots[3].imm());     // 3 -> 0
        assertEquals(2, slots[5].imm());      // 5 -> 8
        assertEquals(0, slots[6].off());      // 6 -> 7, the first exit
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mov32 %r0, 2147483648     | 1:12: immediate 2147483648 does not fit in 32 bits
            mov32 %r0, 0x100000000    | 1:12: immediate 4294967296 does not fit in 32 bits
            ja NOT_A_LABEL            | 1:4: undefined label 'NOT_A_LABEL'
            lock or [%r10-8]          | 1:1: invalid number of operands for lock or: expected 2 ([dst+off], src), found 1
            lock                      | 1:1: invalid number of operands for lock: expected 'lock [fetch] OP[32] [dst+off], src' with OP one of add, or, and, xor, xchg, cmpxchg
            ldxq %r0, %r1             | 1:1: unknown mnemonic 'ldxq'
            ldxb %r0, %r1             | 1:11: expected a memory operand '[', found '%r1'
            ldxb %r0, [%r1+0x10000]   | 1:15: offset 65536 does not fit in 16 bits
            lddw %r0                  | 1:1: invalid number of operands for lddw: expected 2 (dst, imm64), found 1
            or %r0, %r50              | 1:9: invalid register %r50 (registers are r0..r10)
            mov %r0, 1 2              | 1:12: unexpected text after the operands, found '2'
            'x:\\nx:'                 | 2:1: duplicate label 'x'
            call nowhere              | 1:6: expected a helper id, 'local' and a target, or a register, found 'nowhere'
            """)
    void errorsNameLineAndColumn(String source, String message) {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> ConformanceAssembler.assemble(source.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void errorsOnLaterLinesCountLines() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> ConformanceAssembler.assemble("mov %r0, 0\n\n  # comment\n  add %r0, %r11\nexit\n"));
        assertEquals(4, e.line());
        assertEquals(12, e.column());
    }
}
