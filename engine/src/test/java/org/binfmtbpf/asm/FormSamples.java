package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.isa.FieldRule;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;

/** Instances of each {@link OpcodeTable} form with boundary values in the fields it uses. */
final class FormSamples {
    private FormSamples() {}

    static List<Instruction> all() {
        List<Instruction> out = new ArrayList<>();
        for (OpcodeSpec spec : OpcodeTable.forms()) out.addAll(of(spec));
        return out;
    }

    /** The form with each used field at its boundary values, one field varied at a time. */
    static List<Instruction> of(OpcodeSpec spec) {
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
        if (spec.opcode() == Opcodes.LD_IMM64) {
            for (int hi : new int[] {1, -1, Integer.MIN_VALUE, 0x7fffffff}) out.add(make(spec, dst, src, 0, 0x89abcdef, hi));
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

}
