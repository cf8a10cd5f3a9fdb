package org.binfmtbpf.asm;

import java.util.Map;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/**
 * llvm statements that do not start with a destination register: exit, goto, gotol, call,
 * callx, if, lock, ld_pseudo and stores. Assignments ({@code r0 = ...}, {@code w1 += ...})
 * are {@link LlvmAssignment}'s.
 */
final class LlvmStatement {
    private LlvmStatement() {}

    static ParsedInstruction parse(LineScanner s, LlvmAnnotation note) {
        if (s.tryWord("exit")) return ParsedInstruction.of(Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0));
        if (s.tryWord("gotol")) return jump(s, Instruction.of(Opcodes.CLASS_JMP32 | Opcodes.JMP_JA, 0, 0, 0, 0), true);
        if (s.tryWord("goto")) return jump(s, Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JA, 0, 0, 0, 0), false);
        if (s.tryWord("callx")) return ParsedInstruction.of(Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_CALL | Opcodes.SRC_X,
                wide(s, Operands.register(s)), 0, 0, 0));
        if (s.tryWord("call")) return call(s, note);
        if (s.tryWord("if")) return conditional(s);
        if (s.tryWord("lock")) return lock(s);
        if (s.tryWord("ld_pseudo")) return pseudo(s, note);
        if (s.peek() == '*') return store(s);
        return LlvmAssignment.parse(s, note);
    }

    /** The target of goto/gotol/if: {@code +0x5}, {@code -3}, a label; llvm-objdump's {@code <sym+0x8>} is skipped. */
    static ParsedInstruction jump(LineScanner s, Instruction insn, boolean inImm) {
        Operands.Target t = Operands.target(s, inImm ? 32 : 16);
        if (s.tryChar('<')) {
            while (!s.atEnd() && !s.tryChar('>')) s.reset(s.position() + 1);
        }
        return ParsedInstruction.withTarget(insn, t, inImm);
    }

    /** {@code call 0x5} (helper), {@code call 0x3 # local}, {@code call 0x10 # kfunc off 0x1}, {@code call label}. */
    private static ParsedInstruction call(LineScanner s, LlvmAnnotation note) {
        int call = Opcodes.CLASS_JMP | Opcodes.JMP_CALL;
        if (!s.startsNumber()) {
            Operands.Target t = Operands.target(s, 32);
            return new ParsedInstruction(Instruction.of(call, 0, Opcodes.CALL_LOCAL, 0, 0), t, true);
        }
        int imm = (int) Operands.immediate(s, 32, "call target");
        if (note.is("local")) return ParsedInstruction.of(Instruction.of(call, 0, Opcodes.CALL_LOCAL, 0, imm));
        if (note.is("kfunc")) return ParsedInstruction.of(Instruction.of(call, 0, Opcodes.CALL_KFUNC, (int) note.value(), imm));
        return ParsedInstruction.of(Instruction.of(call, 0, Opcodes.CALL_HELPER, 0, imm));
    }

    private static final Map<String, Integer> JUMPS = inverse(LlvmSyntax.JUMP_OPERATORS);

    /** {@code if r1 == 0x10 goto +0x5}, {@code if w1 s< w2 goto label} */
    private static ParsedInstruction conditional(LineScanner s) {
        Operands.Register dst = Operands.register(s);
        s.skipSpaces();
        int column = s.column();
        String operator = operator(s);
        Integer op = JUMPS.get(operator);
        if (op == null) throw s.errorAt(column, "unknown comparison '" + operator + "'");
        int cls = dst.word() ? Opcodes.CLASS_JMP32 : Opcodes.CLASS_JMP;
        Instruction insn;
        if (Operands.startsRegister(s)) {
            Operands.Register src = Operands.register(s);
            sameWidth(s, dst, src);
            insn = Instruction.of(cls | op | Opcodes.SRC_X, dst.number(), src.number(), 0, 0);
        } else {
            insn = Instruction.of(cls | op, dst.number(), 0, 0, (int) Operands.immediate(s, 32, "immediate"));
        }
        if (!s.tryWord("goto")) throw s.error("expected 'goto'" + s.found());
        return jump(s, insn, false);
    }

    private static final Map<String, Integer> ATOMICS = inverse(LlvmSyntax.ATOMIC_OPERATORS);

    /** {@code lock *(u64 *)(r10 - 0x8) += r1} */
    private static ParsedInstruction lock(LineScanner s) {
        s.expect('*', "a memory operand");
        LlvmMemory.Type type = LlvmMemory.type(s);
        Operands.Memory m = LlvmMemory.parenthesized(s);
        s.skipSpaces();
        int column = s.column();
        String operator = operator(s);
        Integer imm = ATOMICS.get(operator);
        if (imm == null) throw s.errorAt(column, "unknown atomic operation '" + operator + "'");
        Operands.Register src = Operands.register(s);
        int size = atomicSize(s, type, src);
        return ParsedInstruction.of(Instruction.of(Opcodes.CLASS_STX | Opcodes.MODE_ATOMIC | size, m.base(), src.number(), m.off(), imm));
    }

    /** Atomics are 32 or 64 bits; a {@code w} register only names a 32-bit value. */
    static int atomicSize(LineScanner s, LlvmMemory.Type type, Operands.Register value) {
        if (type.signed() || (type.size() != Opcodes.SIZE_W && type.size() != Opcodes.SIZE_DW)) {
            throw s.errorAt(type.column(), "atomic operations take u32 or u64, not " + (type.signed() ? "s" : "u") + type.bits());
        }
        if (value.word() && type.size() == Opcodes.SIZE_DW) {
            throw s.error("a 64-bit atomic operation takes r" + value.number() + ", not w" + value.number());
        }
        return type.size();
    }

    /** {@code ld_pseudo r1, 0x2, 0x3 # next_imm 0x8} */
    private static ParsedInstruction pseudo(LineScanner s, LlvmAnnotation note) {
        int dst = wide(s, Operands.register(s));
        s.expect(',', "a comma");
        int column = s.column();
        long src = Operands.immediate(s, 32, "pseudo source");
        if (src < 1 || src > 15) throw s.errorAt(column, "ld_pseudo source must be 1..15, found " + src);
        s.expect(',', "a comma");
        int imm = (int) Operands.immediate(s, 32, "immediate");
        int imm2 = note.is("next_imm") ? (int) note.value() : 0;
        return ParsedInstruction.of(new Instruction(Opcodes.LD_IMM64, dst, (int) src, (short) 0, imm, imm2));
    }

    /** {@code *(u32 *)(r1 + 0x8) = w2} or {@code = -0x1} */
    private static ParsedInstruction store(LineScanner s) {
        s.expect('*', "a memory operand");
        LlvmMemory.Type type = LlvmMemory.type(s);
        if (type.signed()) throw s.errorAt(type.column(), "stores write u8, u16, u32 or u64");
        Operands.Memory m = LlvmMemory.parenthesized(s);
        s.expect('=', "an assignment");
        if (Operands.startsRegister(s)) {
            Operands.Register src = Operands.register(s);
            if (src.word() && type.size() == Opcodes.SIZE_DW) {
                throw s.error("a 64-bit store takes r" + src.number() + ", not w" + src.number());
            }
            return ParsedInstruction.of(Instruction.of(Opcodes.CLASS_STX | Opcodes.MODE_MEM | type.size(), m.base(), src.number(), m.off(), 0));
        }
        int imm = (int) Operands.immediate(s, 32, "immediate");
        return ParsedInstruction.of(Instruction.of(Opcodes.CLASS_ST | Opcodes.MODE_MEM | type.size(), m.base(), 0, m.off(), imm));
    }

    /** The operator token: the characters up to the next space ({@code s>>=}, {@code ==}, {@code &}). */
    static String operator(LineScanner s) {
        s.skipSpaces();
        int start = s.position();
        String text = s.text();
        int end = start;
        while (end < text.length() && "=!<>&|+-*/%^s".indexOf(text.charAt(end)) >= 0
                && !(text.charAt(end) == 's' && end > start)) {
            end++;
        }
        if (end == start) {
            // not an operator: take the whole token so the error message shows it
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        }
        s.reset(end);
        return text.substring(start, end);
    }

    static void sameWidth(LineScanner s, Operands.Register a, Operands.Register b) {
        if (a.word() != b.word()) {
            throw s.error("r and w registers cannot be mixed: " + (a.word() ? "w" : "r") + a.number() + " and "
                    + (b.word() ? "w" : "r") + b.number());
        }
    }

    /** A register that must be a 64-bit {@code r} register. */
    static int wide(LineScanner s, Operands.Register r) {
        if (r.word()) throw s.error("expected a 64-bit register r" + r.number() + ", found w" + r.number());
        return r.number();
    }

    static <K, V> Map<V, K> inverse(Map<K, V> map) {
        Map<V, K> out = new java.util.HashMap<>();
        map.forEach((k, v) -> out.put(v, k));
        return Map.copyOf(out);
    }
}
