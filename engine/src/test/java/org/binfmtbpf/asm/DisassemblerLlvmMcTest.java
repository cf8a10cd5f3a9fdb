package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Every form of {@link OpcodeTable}, with boundary values in each field it uses, disassembles
 * as llvm-19's own disassembler prints it ({@code llvm-mc --disassemble --print-imm-hex}, the
 * printer llvm-objdump uses), in both register views.
 */
class DisassemblerLlvmMcTest {

    @Test
    void everyFormMatchesLlvmWithTheGenericCpu() {
        // Plain llvm cannot decode 32-bit atomics (see Disassembler); the ALU32 test covers them.
        compare(Disassembler.DEFAULT, "generic", spec -> !isAtomic32(spec));
    }

    @Test
    void everyFormMatchesLlvmWithCpuV4() {
        compare(Disassembler.ALU32, "v4", spec -> true);
    }

    private static boolean isAtomic32(OpcodeSpec spec) {
        return spec.opcode() == (Opcodes.CLASS_STX | Opcodes.MODE_ATOMIC | Opcodes.SIZE_W);
    }

    private static void compare(Disassembler disassembler, String cpu, Predicate<OpcodeSpec> include) {
        LlvmTools.require("llvm-mc-19");
        List<Instruction> samples = new ArrayList<>();
        for (OpcodeSpec spec : OpcodeTable.forms()) {
            if (include.test(spec)) samples.addAll(FormSamples.of(spec));
        }
        StringBuilder bytes = new StringBuilder();
        for (byte b : InstructionCodec.encode(InstructionCodec.toSlots(samples))) {
            bytes.append(String.format("0x%02x ", b));
        }
        String out = LlvmTools.run(List.of("llvm-mc-19", "--disassemble", "-triple=bpfel", "-mcpu=" + cpu,
                "--print-imm-hex"), bytes.toString());
        List<String> llvm = out.lines().filter(l -> l.startsWith("\t") && !l.equals("\t.text"))
                .map(l -> l.substring(1)).toList();
        assertEquals(samples.size(), llvm.size(), "llvm decoded a different number of instructions");
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Instruction insn = samples.get(i);
            String want = llvm.get(i);
            String ours = withoutAnnotation(disassembler.format(insn));
            checks.add(() -> assertEquals(want, ours, insn.toString()));
        }
        assertAll(checks.stream().map(r -> r::run));
        assertTrue(samples.size() > 500, "only " + samples.size() + " samples");
        System.out.printf("llvm-mc -mcpu=%s: %d instructions disassemble identically%n", cpu, samples.size());
    }

    private static String withoutAnnotation(String text) {
        int hash = text.indexOf(" #");
        return hash < 0 ? text : text.substring(0, hash);
    }
}
