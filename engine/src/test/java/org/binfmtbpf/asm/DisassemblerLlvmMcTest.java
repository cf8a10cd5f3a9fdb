package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.binfmtbpf.isa.FieldRule;
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
            if (include.test(spec)) samples.addAll(samples(spec));
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

    /** The form with each used field at its boundary values, one field varied at a time. */
    private static List<Instruction> samples(OpcodeSpec spec) {
        List<Instruction> out = new ArrayList<>();
        int dst = first(spec.dst(), 1);
        int src = first(spec.src(), 2);
        int off = first(spec.off(), 0);
        int imm = first(spec.imm(), 0);
        out.add(make(spec, dst, src, off, imm, 0));
        for (int r : values(spec.dst(), new int[] {0, 10})) out.add(make(spec, r, src, off, imm, 0));
        for (int r : values(spec.src(), new int[] {0, 10})) out.add(make(spec, dst, r, off, imm, 0));
        for (int o : values(spec.off(), new int[] {1, -1, 0x7fff, -0x8000, 0x10})) out.add(make(spec, dst, src, o, imm, 0));
        for (int v : values(spec.imm(), new int[] {1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x12345678})) {
            out.add(make(spec, dst, src, off, v, 0));
        }
        if (spec.opcode() == Opcodes.LD_IMM64 && spec.src() instanceof FieldRule.OneOf s && s.values()[0] == 0) {
            for (int hi : new int[] {1, -1, Integer.MIN_VALUE, 0x7fffffff}) out.add(make(spec, dst, 0, 0, 0x89abcdef, hi));
        }
        return out;
    }

    private static Instruction make(OpcodeSpec spec, int dst, int src, int off, int imm, int imm2) {
        return new Instruction(spec.opcode(), dst, src, (short) off, imm, imm2);
    }

    private static int first(FieldRule rule, int preferred) {
        return rule instanceof FieldRule.OneOf oneOf ? oneOf.values()[0] : preferred;
    }

    private static int[] values(FieldRule rule, int[] boundaries) {
        if (rule instanceof FieldRule.OneOf oneOf) {
            return java.util.Arrays.copyOfRange(oneOf.values(), 1, oneOf.values().length);
        }
        return boundaries;
    }

    private static String withoutAnnotation(String text) {
        int hash = text.indexOf(" #");
        return hash < 0 ? text : text.substring(0, hash);
    }
}
