package org.binfmtbpf.asm;

import java.util.List;
import org.binfmtbpf.isa.FieldRule;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;

/**
 * One instruction in the bpf_conformance syntax: the mnemonic names forms of
 * {@link OpcodeTable}, {@link ConformanceShape} says which operands follow.
 */
final class ConformanceStatement {
    private ConformanceStatement() {}

    /** Parses the instruction whose mnemonic {@code word} (at {@code column}) has just been read. */
    static ParsedInstruction parse(LineScanner s, String word, int column) {
        if (word.equals("call")) {
            return call(s);
        }
        String mnemonic = word.equals("lock") ? lockMnemonic(s, column) : word;
        List<OpcodeSpec> forms = OpcodeTable.byMnemonic(canonical(mnemonic));
        if (forms.isEmpty() || mnemonic.startsWith("call") || mnemonic.startsWith("lddw ")) {
            throw s.errorAt(column, "unknown mnemonic '" + mnemonic + "'");
        }
        ConformanceShape shape = ConformanceShape.of(forms.get(0));
        checkOperandCount(s, mnemonic, shape, column);
        return operands(s, forms, shape);
    }

    /** {@code lock [fetch] op[32]} names an atomic form of the table. */
    private static String lockMnemonic(LineScanner s, int column) {
        String op = s.word();
        if (op.equals("fetch")) {
            op = "fetch " + s.word();
        }
        if (op.isEmpty() || op.equals("fetch ")) {
            throw s.errorAt(column, "invalid number of operands for lock: expected 'lock [fetch] OP[32] [dst+off], src'"
                    + " with OP one of add, or, and, xor, xchg, cmpxchg");
        }
        return "lock " + op;
    }

    /** {@code add64} is {@code add}, {@code swap16} is {@code bswap16}. */
    private static String canonical(String mnemonic) {
        if (mnemonic.startsWith("swap")) {
            mnemonic = "b" + mnemonic;
        }
        if (OpcodeTable.byMnemonic(mnemonic).isEmpty() && mnemonic.endsWith("64")) {
            String base = mnemonic.substring(0, mnemonic.length() - 2);
            if (!OpcodeTable.byMnemonic(base).isEmpty()) {
                return base;
            }
        }
        return mnemonic;
    }

    private static void checkOperandCount(LineScanner s, String mnemonic, ConformanceShape shape, int column) {
        int found = countOperands(s.text().substring(s.position()));
        if (found != shape.operandCount()) {
            throw s.errorAt(column, "invalid number of operands for " + mnemonic + ": expected " + shape.operandCount()
                    + (shape.operandCount() == 0 ? "" : " (" + shape.operands + ")") + ", found " + found);
        }
    }

    private static int countOperands(String rest) {
        if (rest.isBlank()) {
            return 0;
        }
        int count = 1;
        int depth = 0;
        for (char c : rest.toCharArray()) {
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ',' && depth == 0) count++;
        }
        return count;
    }

    private static ParsedInstruction operands(LineScanner s, List<OpcodeSpec> forms, ConformanceShape shape) {
        OpcodeSpec first = forms.get(0);
        int op = first.opcode();
        switch (shape) {
            case BINARY, JUMP -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                boolean registerSource = Operands.startsRegister(s);
                OpcodeSpec form = pick(forms, registerSource);
                int src = registerSource ? Operands.register(s).number() : 0;
                int imm = registerSource ? 0 : (int) Operands.immediate(s, 32, "immediate");
                if (shape == ConformanceShape.BINARY) {
                    return ParsedInstruction.of(Instruction.of(form.opcode(), dst, src, fixedOff(form), imm));
                }
                s.expect(',', "a comma");
                Instruction jump = Instruction.of(form.opcode(), dst, src, 0, imm);
                return ParsedInstruction.withTarget(jump, Operands.target(s, 16), false);
            }
            case UNARY -> {
                return ParsedInstruction.of(Instruction.of(op, Operands.register(s).number(), 0, 0, fixedImm(first)));
            }
            case MOVSX -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                return ParsedInstruction.of(Instruction.of(op, dst, Operands.register(s).number(), fixedOff(first), 0));
            }
            case JA -> {
                boolean inImm = Opcodes.cls(op) == Opcodes.CLASS_JMP32;
                return ParsedInstruction.withTarget(Instruction.of(op, 0, 0, 0, 0), Operands.target(s, inImm ? 32 : 16), inImm);
            }
            case EXIT -> {
                return ParsedInstruction.of(Instruction.of(op, 0, 0, 0, 0));
            }
            case LOAD -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                Operands.Memory m = memory(s);
                return ParsedInstruction.of(Instruction.of(op, dst, m.base(), m.off(), 0));
            }
            case STORE_IMM, STORE_REG -> {
                Operands.Memory m = memory(s);
                s.expect(',', "a comma");
                int src = shape == ConformanceShape.STORE_REG ? Operands.register(s).number() : 0;
                int imm = shape == ConformanceShape.STORE_REG ? fixedImm(first) : (int) Operands.immediate(s, 32, "immediate");
                return ParsedInstruction.of(Instruction.of(op, m.base(), src, m.off(), imm));
            }
            case LDDW -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                return ParsedInstruction.of(Instruction.ldImm64(dst, 0, Operands.immediate(s, 64, "immediate")));
            }
            case LD_ABS -> {
                return ParsedInstruction.of(Instruction.of(op, 0, 0, 0, (int) Operands.immediate(s, 32, "immediate")));
            }
            case LD_IND -> {
                int src = Operands.register(s).number();
                s.expect(',', "a comma");
                return ParsedInstruction.of(Instruction.of(op, 0, src, 0, (int) Operands.immediate(s, 32, "immediate")));
            }
            default -> throw new IllegalStateException("call is parsed by call()");
        }
    }

    /** {@code call N}, {@code call helper N}, {@code call local target}, {@code call runtime N}, {@code call %rN}. */
    private static ParsedInstruction call(LineScanner s) {
        int call = Opcodes.CLASS_JMP | Opcodes.JMP_CALL;
        if (Operands.startsRegister(s)) {
            return ParsedInstruction.of(Instruction.of(call | Opcodes.SRC_X, Operands.register(s).number(), 0, 0, 0));
        }
        if (s.tryWord("local")) {
            Instruction local = Instruction.of(call, 0, Opcodes.CALL_LOCAL, 0, 0);
            return ParsedInstruction.withTarget(local, Operands.target(s, 32), true);
        }
        int kind = Opcodes.CALL_HELPER;
        if (s.tryWord("runtime") || s.tryWord("kfunc")) {
            kind = Opcodes.CALL_KFUNC;
        } else {
            s.tryWord("helper");
        }
        if (!s.startsNumber()) {
            throw s.error("expected a helper id, 'local' and a target, or a register" + s.found());
        }
        return ParsedInstruction.of(Instruction.of(call, 0, kind, 0, (int) Operands.immediate(s, 32, "helper id")));
    }

    /** {@code [%rN]}, {@code [%rN+off]} or {@code [%rN-off]}. */
    private static Operands.Memory memory(LineScanner s) {
        s.expect('[', "a memory operand");
        int base = Operands.register(s).number();
        short off = s.peek() == ']' ? 0 : Operands.signedOffset(s);
        s.expect(']', "the end of the memory operand");
        return new Operands.Memory(base, off);
    }

    private static OpcodeSpec pick(List<OpcodeSpec> forms, boolean registerSource) {
        for (OpcodeSpec form : forms) {
            if (form.usesSrcRegister() == registerSource) {
                return form;
            }
        }
        return forms.get(0);
    }

    private static int fixedOff(OpcodeSpec form) {
        return form.off().accepts(0) ? 0 : single(form.off());
    }

    private static int fixedImm(OpcodeSpec form) {
        return form.imm().accepts(0) ? 0 : single(form.imm());
    }

    private static int single(FieldRule rule) {
        return ((FieldRule.OneOf) rule).values()[0];
    }
}
