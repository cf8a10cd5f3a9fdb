package org.binfmtbpf.isa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks one instruction slot against {@link OpcodeTable}: the opcode must be known and
 * every field must satisfy the rule of one of its forms. Also refuses writes to r10, which
 * the kernel reports as "frame pointer is read only".
 */
final class FormChecker {
    private FormChecker() {}

    /** Returns the matching form, or throws naming the instruction and the first bad field. */
    static OpcodeSpec check(int index, Instruction insn) {
        List<OpcodeSpec> forms = OpcodeTable.formsOf(insn.opcode());
        if (forms.isEmpty()) {
            throw new InvalidProgramException(index, insn, String.format("unknown opcode 0x%02x", insn.opcode()));
        }
        OpcodeSpec spec = OpcodeTable.match(insn);
        if (spec == null) {
            throw new InvalidProgramException(index, insn, describeMismatch(insn, forms));
        }
        checkFramePointerNotWritten(index, insn, spec);
        return spec;
    }

    /**
     * Explains why no form fits. Forms of one opcode differ in one discriminating field, so
     * the forms that fail only in the same field are merged into one "must be one of" list
     * (0xbf with off 5: "off must be one of 0, 8, 16, 32").
     */
    private static String describeMismatch(Instruction insn, List<OpcodeSpec> forms) {
        int fewest = Integer.MAX_VALUE;
        List<OpcodeSpec> closest = new ArrayList<>();
        for (OpcodeSpec spec : forms) {
            int violations = violations(spec, insn);
            if (violations < fewest) {
                fewest = violations;
                closest.clear();
            }
            if (violations == fewest) {
                closest.add(spec);
            }
        }
        OpcodeSpec first = closest.get(0);
        OpcodeSpec.Field field = first.firstViolation(insn);
        closest.removeIf(spec -> spec.firstViolation(insn) != field);
        int value = field.valueIn(insn);
        String mnemonics = closest.stream().map(OpcodeSpec::mnemonic).distinct().collect(Collectors.joining("/"));
        FieldRule rule = first.rule(field);
        if (rule == FieldRule.REGISTER) {
            return mnemonics + ": " + field.fieldName() + " names register r" + value + ", but only r0..r10 exist";
        }
        Set<Integer> allowed = new LinkedHashSet<>();
        boolean sameField = true;
        for (OpcodeSpec spec : closest) {
            sameField &= spec.firstViolation(insn) == field && spec.rule(field) instanceof FieldRule.OneOf;
            if (spec.rule(field) instanceof FieldRule.OneOf oneOf) {
                for (int v : oneOf.values()) allowed.add(v);
            }
        }
        String expectation;
        if (sameField && allowed.size() > 1) {
            expectation = "must be one of " + allowed.stream().map(Object::toString).collect(Collectors.joining(", "));
        } else if (rule == FieldRule.ZERO) {
            expectation = "is reserved and must be 0";
        } else {
            expectation = "must be " + rule.describe();
        }
        return mnemonics + ": " + field.fieldName() + " " + expectation + " (is " + value + ")";
    }

    private static int violations(OpcodeSpec spec, Instruction insn) {
        int n = 0;
        for (OpcodeSpec.Field f : OpcodeSpec.Field.values()) {
            if (!spec.rule(f).accepts(f.valueIn(insn))) n++;
        }
        return n;
    }

    private static void checkFramePointerNotWritten(int index, Instruction insn, OpcodeSpec spec) {
        int cls = insn.cls();
        boolean writesDst = cls == Opcodes.CLASS_ALU || cls == Opcodes.CLASS_ALU64 || cls == Opcodes.CLASS_LDX
                || insn.isLdImm64();
        if (writesDst && insn.dst() == 10) {
            throw new InvalidProgramException(index, insn, spec.mnemonic() + " writes r10, the read-only frame pointer");
        }
        boolean fetches = cls == Opcodes.CLASS_STX && Opcodes.mode(insn.opcode()) == Opcodes.MODE_ATOMIC
                && (insn.imm() & Opcodes.ATOMIC_FETCH) != 0 && insn.imm() != Opcodes.ATOMIC_CMPXCHG;
        if (fetches && insn.src() == 10) {
            throw new InvalidProgramException(index, insn, spec.mnemonic() + " fetches into r10, the read-only frame pointer");
        }
    }
}
