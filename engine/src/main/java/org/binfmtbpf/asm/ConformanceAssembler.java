package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;

/**
 * Assembles the syntax of the bpf_conformance suite's {@code -- asm} sections:
 *
 * <pre>
 *   mov %r0, 1            add32 %r1, %r2          neg %r0         be16 %r0     swap64 %r0
 *   sdiv %r1, 3           movsx832 %r2, %r1       lddw %r0, 0x1122334455667788
 *   ldxdw %r0, [%r1+8]    ldxsb %r0, [%r10-1]     stw [%r10-4], 5   stxb [%r1], %r2
 *   lock add [%r10-8], %r1    lock fetch xor32 [%r10-4], %r3    lock cmpxchg [%r10-8], %r1
 *   ja label   ja32 label   jeq %r1, 5, +1   jne32 %r1, %r2, label   exit
 *   call 5   call local func   call %r2   ldabsh 12   ldindb %r1, 4
 *   label:   # comment
 * </pre>
 *
 * Registers may be written {@code %rN} or {@code rN}. Mnemonics follow {@link OpcodeTable};
 * a {@code 64} suffix is accepted where the table has none ({@code add64} = {@code add}) and
 * {@code swapN} is {@code bswapN}. As in the suite's own assembler, the label {@code exit}
 * means the first {@code exit} instruction unless the program defines it. Decimal immediates
 * are signed values; hex immediates are bit patterns of the field width.
 *
 * <p>The result is in slot form (LD_IMM64 followed by its second slot), not validated: pass
 * it to {@link org.binfmtbpf.isa.ProgramValidator} to refuse what the kernel would.
 */
public final class ConformanceAssembler {
    private final List<Instruction> slots = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<Fixup> fixups = new ArrayList<>();
    private int firstExit = -1;

    /** An instruction whose jump or call target is a label, resolved after the last line. */
    private record Fixup(int slot, String label, int line, int column, boolean inImm) {}

    private ConformanceAssembler() {}

    public static Instruction[] assemble(String source) {
        ConformanceAssembler asm = new ConformanceAssembler();
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            asm.line(new LineScanner(stripComment(lines[i]), i + 1));
        }
        asm.resolveLabels();
        return asm.slots.toArray(new Instruction[0]);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private void line(LineScanner s) {
        if (s.atEnd()) {
            return;
        }
        int column = s.column();
        String word = s.word();
        if (s.tryChar(':')) {
            defineLabel(s, word, column);
            if (s.atEnd()) {
                return;
            }
            column = s.column();
            word = s.word();
        }
        if (word.isEmpty()) {
            throw s.error("expected a mnemonic or a label" + s.found());
        }
        instruction(s, word, column);
        if (!s.atEnd()) {
            throw s.error("unexpected text after the operands" + s.found());
        }
    }

    private void defineLabel(LineScanner s, String name, int column) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw s.errorAt(column, "invalid label name '" + name + "'");
        }
        if (labels.putIfAbsent(name, slots.size()) != null) {
            throw s.errorAt(column, "duplicate label '" + name + "'");
        }
    }

    private void instruction(LineScanner s, String word, int column) {
        String mnemonic = word;
        if (word.equals("lock")) {
            mnemonic = lockMnemonic(s, column);
        } else if (word.equals("call")) {
            call(s);
            return;
        }
        List<OpcodeSpec> forms = OpcodeTable.byMnemonic(canonical(mnemonic));
        if (forms.isEmpty() || mnemonic.startsWith("call") || mnemonic.startsWith("lddw ")) {
            throw s.errorAt(column, "unknown mnemonic '" + mnemonic + "'");
        }
        ConformanceShape shape = ConformanceShape.of(forms.get(0));
        checkOperandCount(s, mnemonic, shape, column);
        emit(s, forms, shape);
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

    private void emit(LineScanner s, List<OpcodeSpec> forms, ConformanceShape shape) {
        OpcodeSpec first = forms.get(0);
        int op = first.opcode();
        switch (shape) {
            case BINARY, JUMP -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                boolean registerSource = Operands.startsRegister(s);
                OpcodeSpec form = pick(forms, registerSource);
                int src = 0;
                int imm = 0;
                if (registerSource) {
                    src = Operands.register(s).number();
                } else {
                    imm = (int) Operands.immediate(s, 32, "immediate");
                }
                int off = fixedOff(form);
                if (shape == ConformanceShape.JUMP) {
                    s.expect(',', "a comma");
                    off = (short) jumpTarget(s, 16, false);
                }
                add(Instruction.of(form.opcode(), dst, src, off, imm));
            }
            case UNARY -> add(Instruction.of(op, Operands.register(s).number(), 0, 0, fixedImm(first)));
            case MOVSX -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                add(Instruction.of(op, dst, Operands.register(s).number(), fixedOff(first), 0));
            }
            case JA -> {
                boolean inImm = Opcodes.cls(op) == Opcodes.CLASS_JMP32;
                long delta = jumpTarget(s, inImm ? 32 : 16, inImm);
                add(Instruction.of(op, 0, 0, inImm ? 0 : (int) delta, inImm ? (int) delta : 0));
            }
            case EXIT -> {
                if (firstExit < 0) firstExit = slots.size();
                add(Instruction.of(op, 0, 0, 0, 0));
            }
            case LOAD -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                Operands.Memory m = memory(s);
                add(Instruction.of(op, dst, m.base(), m.off(), 0));
            }
            case STORE_IMM, STORE_REG -> {
                Operands.Memory m = memory(s);
                s.expect(',', "a comma");
                if (shape == ConformanceShape.STORE_IMM) {
                    add(Instruction.of(op, m.base(), 0, m.off(), (int) Operands.immediate(s, 32, "immediate")));
                } else {
                    add(Instruction.of(op, m.base(), Operands.register(s).number(), m.off(), fixedImm(first)));
                }
            }
            case LDDW -> {
                int dst = Operands.register(s).number();
                s.expect(',', "a comma");
                add(Instruction.ldImm64(dst, 0, Operands.immediate(s, 64, "immediate")));
            }
            case LD_ABS -> add(Instruction.of(op, 0, 0, 0, (int) Operands.immediate(s, 32, "immediate")));
            case LD_IND -> {
                int src = Operands.register(s).number();
                s.expect(',', "a comma");
                add(Instruction.of(op, 0, src, 0, (int) Operands.immediate(s, 32, "immediate")));
            }
            case CALL -> throw new IllegalStateException("call is assembled by call()");
        }
    }

    /** {@code call N}, {@code call helper N}, {@code call local target}, {@code call runtime N}, {@code call %rN}. */
    private void call(LineScanner s) {
        int call = Opcodes.CLASS_JMP | Opcodes.JMP_CALL;
        if (Operands.startsRegister(s)) {
            add(Instruction.of(call | Opcodes.SRC_X, Operands.register(s).number(), 0, 0, 0));
        } else if (s.tryWord("local")) {
            int imm = (int) jumpTarget(s, 32, true);
            add(Instruction.of(call, 0, Opcodes.CALL_LOCAL, 0, imm));
        } else {
            int kind = Opcodes.CALL_HELPER;
            if (s.tryWord("runtime") || s.tryWord("kfunc")) {
                kind = Opcodes.CALL_KFUNC;
            } else {
                s.tryWord("helper");
            }
            if (!s.startsNumber()) {
                throw s.error("expected a helper id, 'local' and a target, or a register" + s.found());
            }
            add(Instruction.of(call, 0, kind, 0, (int) Operands.immediate(s, 32, "helper id")));
        }
    }

    /** {@code [%rN]}, {@code [%rN+off]} or {@code [%rN-off]}. */
    private static Operands.Memory memory(LineScanner s) {
        s.expect('[', "a memory operand");
        int base = Operands.register(s).number();
        short off = s.peek() == ']' ? 0 : Operands.signedOffset(s);
        s.expect(']', "the end of the memory operand");
        return new Operands.Memory(base, off);
    }

    /** Parses a target; a label is recorded for {@link #resolveLabels} and reads as 0 until then. */
    private long jumpTarget(LineScanner s, int bits, boolean inImm) {
        Operands.Target t = Operands.target(s, bits);
        if (t.isLabel()) {
            fixups.add(new Fixup(slots.size(), t.label(), s.line(), t.column(), inImm));
            return 0;
        }
        return t.offset();
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

    private static int single(org.binfmtbpf.isa.FieldRule rule) {
        return ((org.binfmtbpf.isa.FieldRule.OneOf) rule).values()[0];
    }

    private void add(Instruction insn) {
        slots.addAll(List.of(InstructionCodec.toSlots(List.of(insn))));
    }

    private void resolveLabels() {
        if (firstExit >= 0) {
            labels.putIfAbsent("exit", firstExit);
        }
        for (Fixup f : fixups) {
            Integer target = labels.get(f.label());
            if (target == null) {
                throw new AssemblyException(f.line(), f.column(), "undefined label '" + f.label() + "'");
            }
            long delta = (long) target - f.slot() - 1;
            Instruction insn = slots.get(f.slot());
            if (!f.inImm() && (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE)) {
                throw new AssemblyException(f.line(), f.column(), "label '" + f.label() + "' is " + delta
                        + " slots away; a jump offset has 16 bits");
            }
            slots.set(f.slot(), f.inImm()
                    ? Instruction.of(insn.opcode(), insn.dst(), insn.src(), insn.off(), (int) delta)
                    : Instruction.of(insn.opcode(), insn.dst(), insn.src(), (int) delta, insn.imm()));
        }
    }
}
