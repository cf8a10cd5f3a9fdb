package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.junit.jupiter.api.Test;

/** Disassemble, assemble the text again with {@link LlvmAssembler}: the same bytes, always. */
class LlvmRoundTripTest {

    private static void assertRoundTrip(String what, Instruction[] slots) {
        byte[] bytes = InstructionCodec.encode(slots);
        for (Disassembler view : List.of(Disassembler.DEFAULT, Disassembler.ALU32)) {
            String text = String.join("\n", view.listing(slots));
            byte[] again = InstructionCodec.encode(LlvmAssembler.assemble(text));
            assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(again), what + "\n" + text);
            assertEquals(Assembler.Syntax.LLVM, Assembler.detect(text), what);
        }
    }

    @Test
    void everyConformanceProgram() {
        List<Path> files = ConformanceFiles.dataFiles("tests");
        List<Runnable> checks = new ArrayList<>();
        for (Path file : files) {
            String asm = ConformanceFiles.sections(file).get("asm");
            Instruction[] slots = ConformanceAssembler.assemble(asm);
            checks.add(() -> assertRoundTrip(file.getFileName().toString(), slots));
            checks.add(() -> assertArrayEquals(InstructionCodec.encode(slots), InstructionCodec.encode(Assembler.assemble(asm)),
                    file.getFileName() + ": Assembler must detect the conformance syntax"));
        }
        assertAll(checks.stream().map(r -> r::run));
        assertTrue(files.size() >= 313);
    }

    @Test
    void everyTestObjectWithItsSymbolsAsLabels() {
        LlvmTools.require("llvm-objdump-19");
        LlvmTools.require("llvm-objcopy-19");
        int sections = 0;
        for (Path object : LlvmTools.testObjects()) {
            for (ObjdumpListing section : ObjdumpListing.parse(LlvmTools.run(
                    List.of("llvm-objdump-19", "-d", "--no-show-raw-insn", object.toString()), null))) {
                Instruction[] slots = InstructionCodec.decode(LlvmTools.sectionBytes(object, section.section()));
                assertRoundTrip(object.getFileName() + " " + section.section(), slots);
                String listing = String.join("\n", Disassembler.DEFAULT.listing(slots, section.symbols()));
                assertArrayEquals(InstructionCodec.encode(slots), InstructionCodec.encode(LlvmAssembler.assemble(listing)));
                sections++;
            }
        }
        assertTrue(sections >= 5, "sections: " + sections);
    }

    /**
     * llvm-objdump's own output, raw bytes and all, assembles to the object's bytes, except
     * where llvm's text drops a field (our disassembly of that slot carries a '#' annotation).
     */
    @Test
    void llvmObjdumpsOwnOutputWithRawBytes() {
        LlvmTools.require("llvm-objdump-19");
        LlvmTools.require("llvm-objcopy-19");
        int compared = 0;
        for (Path object : LlvmTools.testObjects()) {
            for (String options : List.of("", "--mcpu=v4")) {
                List<String> command = new ArrayList<>(List.of("llvm-objdump-19", "-d"));
                if (!options.isEmpty()) command.add(options);
                command.add(object.toString());
                String output = LlvmTools.run(command, null);
                if (output.contains("<unknown>")) continue; // plain objdump cannot list 32-bit atomics
                List<Instruction> expected = new ArrayList<>();
                for (ObjdumpListing section : ObjdumpListing.parse(output)) {
                    expected.addAll(List.of(InstructionCodec.decode(LlvmTools.sectionBytes(object, section.section()))));
                }
                Instruction[] ours = LlvmAssembler.assemble(output);
                assertEquals(expected.size(), ours.length, object + " " + options);
                for (int i = 0; i < ours.length; i++) {
                    Instruction want = expected.get(i);
                    boolean lossy = Disassembler.DEFAULT.format(want).contains(" #") && !want.isLdImm64();
                    if (!lossy) {
                        assertEquals(want.encodeSlot(), ours[i].encodeSlot(), object + " " + options + " slot " + i);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 300, "compared " + compared);
    }
}
