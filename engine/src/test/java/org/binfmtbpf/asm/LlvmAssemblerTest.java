package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** llvm syntax: every form round-trips, llvm-mc agrees on the encoding, errors point at line:column. */
class LlvmAssemblerTest {

    private static String hex(String source) {
        return HexFormat.ofDelimiter(" ").formatHex(InstructionCodec.encode(LlvmAssembler.assemble(source)));
    }

    @Test
    void everyFormOfTheOpcodeTableRoundTripsInBothRegisterViews() {
        List<Runnable> checks = new ArrayList<>();
        for (Instruction insn : FormSamples.all()) {
            for (Disassembler view : List.of(Disassembler.DEFAULT, Disassembler.ALU32)) {
                String text = view.format(insn);
                checks.add(() -> {
                    Instruction[] again = LlvmAssembler.assemble(text);
                    assertEquals(insn.encodeSlot(), again[0].encodeSlot(), text);
                    if (insn.isLdImm64()) assertEquals(insn.imm2(), again[1].imm(), text);
                });
            }
        }
        assertAll(checks.stream().map(r -> r::run));
    }

    /** llvm-mc-19 assembles our text to our bytes (llvm reads annotations as comments, so lossy forms are left out). */
    @Test
    void llvmMcAssemblesOurTextToTheSameBytes() {
        LlvmTools.require("llvm-mc-19");
        List<Instruction> samples = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        for (Instruction insn : FormSamples.all()) {
            String text = Disassembler.ALU32.format(insn);
            if (text.contains(" #") || (insn.isLdImm64() && insn.src() != 0)) continue;
            // llvm-mc-19's parser takes only 16-bit gotol offsets (its disassembler prints 32-bit ones)
            if (insn.opcode() == 0x06 && (insn.imm() < Short.MIN_VALUE || insn.imm() > Short.MAX_VALUE)) continue;
            samples.add(insn);
            source.append(text).append('\n');
        }
        String out = LlvmTools.run(List.of("llvm-mc-19", "-triple=bpfel", "-mcpu=v4", "-show-encoding"), source.toString());
        List<String> encodings = out.lines().filter(l -> l.contains("# encoding: ["))
                .map(l -> l.substring(l.indexOf("# encoding: [") + 13, l.lastIndexOf(']')).replace("0x", "").replace(",", " "))
                .toList();
        assertEquals(samples.size(), encodings.size());
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Instruction insn = samples.get(i);
            String want = encodings.get(i);
            Instruction[] slots = insn.isLdImm64()
                    ? InstructionCodec.toSlots(List.of(insn)) : new Instruction[] {insn};
            String ours = HexFormat.ofDelimiter(" ").formatHex(InstructionCodec.encode(slots));
            String again = HexFormat.ofDelimiter(" ").formatHex(InstructionCodec.encode(
                    LlvmAssembler.assemble(Disassembler.ALU32.format(insn))));
            checks.add(() -> assertEquals(want, ours, Disassembler.ALU32.format(insn)));
            checks.add(() -> assertEquals(want, again, Disassembler.ALU32.format(insn)));
        }
        assertAll(checks.stream().map(r -> r::run));
        assertTrue(samples.size() > 1000, "samples: " + samples.size());
        System.out.printf("llvm-mc-19 encodes %d instructions of our text exactly as LlvmAssembler does%n", samples.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            r0 = 1                               | b7 00 00 00 01 00 00 00
            w1 = -1                              | b4 01 00 00 ff ff ff ff
            r0 = 0x7fffffffffffffff ll           | 18 00 00 00 ff ff ff ff 00 00 00 00 ff ff ff 7f
            if r1 == 5 goto +1                   | 15 01 01 00 05 00 00 00
            '       3:\tr0 = r1'                 | bf 10 00 00 00 00 00 00
            '       0:\tbf 10 00 00 00 00 00 00\tr0 = r1' | bf 10 00 00 00 00 00 00
            goto +0x1 <branches+0x20>            | 05 00 01 00 00 00 00 00
            call 0x5                             | 85 00 00 00 05 00 00 00
            call -0x1 # local                    | 85 10 00 00 ff ff ff ff
            call 0x10 # kfunc off 0x2            | 85 20 02 00 10 00 00 00
            call 0x10 # an ordinary comment      | 85 00 00 00 10 00 00 00
            r0 = *(u8 *)skb[r3] # imm 0x4        | 50 30 00 00 04 00 00 00
            r0 = 2 // slashes start comments too | b7 00 00 00 02 00 00 00
            """)
    void readsInstructionsListingsAndAnnotations(String source, String expected) {
        String text = source.replace("\\t", "\t");
        if (text.startsWith("       3:")) {
            text = "       0:\texit\n       1:\texit\n       2:\texit\n" + text;
            assertEquals("95 00 00 00 00 00 00 00 ".repeat(3) + expected, hex(text));
        } else {
            assertEquals(expected, hex(text));
        }
    }

    @Test
    void labelsFromHeadersAndLlvmLabels() {
        Instruction[] slots = LlvmAssembler.assemble("""
                Disassembly of section tc:

                0000000000000000 <main>:
                       0:\tif r1 == 0x0 goto LBB0_2
                       1:\tcall f
                <LBB0_2>:
                       2:\tgotol done
                done:
                       3:\texit

                0000000000000020 <f>:
                       4:\texit
                """);
        assertEquals(5, slots.length);
        assertEquals(1, slots[0].off());
        assertEquals(1, slots[1].src());
        assertEquals(2, slots[1].imm());
        assertEquals(0, slots[2].imm());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            r0 = r11                       | 1:6: invalid register r11 (registers are r0..r10)
            r0 = *(u7 *)(r1 + 0x0)         | 1:8: expected a type u8, u16, u32, u64, s8, s16 or s32, found 'u7'
            r0 ?= 1                        | 1:4: unknown operator '?='
            if r0 <> 1 goto +1             | 1:7: unknown comparison '<>'
            goto nowhere                   | 1:6: undefined label 'nowhere'
            r0 = 0x1ffffffff               | 1:6: immediate 8589934591 does not fit in 32 bits
            w0 += r1                       | 1:9: r and w registers cannot be mixed: w0 and r1
            r0 = *(u64 *)(r1 + 0x8000)     | 1:18: offset 32768 does not fit in 16 bits
            'r0 = 1 r1'                    | 1:8: unexpected text after the instruction, found 'r1'
            '       5:\\texit'             | 1:8: listing index 5 but this instruction is at slot 0
            hello world                    | 1:1: expected an instruction, found 'hello'
            """)
    void errorsNameLineAndColumn(String source, String message) {
        AssemblyException e = assertThrows(AssemblyException.class, () -> LlvmAssembler.assemble(source.replace("\\t", "\t")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void assemblerDetectsTheSyntax() {
        assertEquals(Assembler.Syntax.LLVM, Assembler.detect("# c\nr0 = 1\nexit"));
        assertEquals(Assembler.Syntax.CONFORMANCE, Assembler.detect("mov r0, 1\nexit"));
        assertEquals(Assembler.Syntax.CONFORMANCE, Assembler.detect("ldxw %r0, [%r1]\nexit"));
        assertEquals(Assembler.Syntax.LLVM, Assembler.detect("x.o:\tfile format elf64-bpf\n\nDisassembly of section tc:\n       0:\texit"));
        assertEquals("b7 00 00 00 01 00 00 00", HexFormat.ofDelimiter(" ").formatHex(
                InstructionCodec.encode(Assembler.assemble("r0 = 1"))));
        assertEquals("b7 00 00 00 01 00 00 00", HexFormat.ofDelimiter(" ").formatHex(
                InstructionCodec.encode(Assembler.assemble("mov %r0, 1"))));
    }
}
