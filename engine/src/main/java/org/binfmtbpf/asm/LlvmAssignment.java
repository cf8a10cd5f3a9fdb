package org.binfmtbpf.asm;

import java.util.HashMap;
import java.util.Map;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/**
 * llvm statements that assign to a register: ALU operations ({@code w1 += 0x2},
 * {@code r0 = (s8)r1}, {@code r0 = -r0}, {@code r0 = be16 r0}), loads ({@code r0 = *(u8 *)(r1 + 0x4)},
 * {@code r0 = *(u16 *)skb[0x2]}, {@code r1 = 0x1 ll}) and the atomics that return a value
 * ({@code r1 = atomic_fetch_add((u64 *)(r10 - 0x8), r1)}, {@code w1 = xchg32_32(r10 - 0x8, w1)},
 * {@code r0 = cmpxchg_64(r10 - 0x8, r0, r1)}).
 */
final class LlvmAssignment {
    private LlvmAssignment() {}

    private static final Map<String, Integer> ALU = aluOperators();
    private static final Map<String, Integer> FETCH = LlvmStatement.inverse(LlvmSyntax.ATOMIC_FETCH_FUNCTIONS);

    static ParsedInstruction parse(LineScanner s, LlvmAnnotation note) {
        if (!Operands.startsRegister(s)) {
            throw s.error("expected an instruction" + s.found());
        }
        Operands.Register dst = Operands.register(s);
        s.skipSpaces();
        int column = s.column();
        String operator = LlvmStatement.operator(s);
        if (operator.equals("=")) {
            return ParsedInstruction.of(assign(s, dst, note));
        }
        Integer op = ALU.get(operator);
        if (op == null) {
            throw s.errorAt(column, "unknown operator '" + operator + "'");
        }
        return ParsedInstruction.of(alu(s, dst, op));
    }

    /** {@code dst op= src|imm}; op carries the signed flag in bit 8 (s/=, s%=). */
    private static Instruction alu(LineScanner s, Operands.Register dst, int op) {
        int cls = dst.word() ? Opcodes.CLASS_ALU : Opcodes.CLASS_ALU64;
        int off = op >> 8;
        int code = cls | (op & 0xf0);
        if (Operands.startsRegister(s)) {
            Operands.Register src = Operands.register(s);
            LlvmStatement.sameWidth(s, dst, src);
            return Instruction.of(code | Opcodes.SRC_X, dst.number(), src.number(), off, 0);
        }
        return Instruction.of(code, dst.number(), 0, off, (int) Operands.immediate(s, 32, "immediate"));
    }

    private static Instruction assign(LineScanner s, Operands.Register dst, LlvmAnnotation note) {
        int cls = dst.word() ? Opcodes.CLASS_ALU : Opcodes.CLASS_ALU64;
        char c = s.peek();
        if (c == '*') {
            s.expect('*', "a load");
            return load(s, dst, note);
        }
        if (c == '-' && !s.startsNumber()) {
            s.expect('-', "a negation");
            Operands.Register src = Operands.register(s);
            if (src.number() != dst.number() || src.word() != dst.word()) {
                throw s.error("negation is in place: expected -" + (dst.word() ? "w" : "r") + dst.number());
            }
            return Instruction.of(cls | Opcodes.ALU_NEG, dst.number(), 0, 0, 0);
        }
        if (c == '(') {
            return signExtendingMove(s, dst, cls);
        }
        if (s.startsNumber()) {
            Literal value = s.number();
            if (s.tryWord("ll")) {
                if (!value.fits(64)) throw s.errorAt(value.column(), "immediate " + value.value() + " does not fit in 64 bits");
                return Instruction.ldImm64(LlvmStatement.wide(s, dst), 0, value.truncated(64));
            }
            if (!value.fits(32)) throw s.errorAt(value.column(), "immediate " + value.value() + " does not fit in 32 bits");
            return Instruction.of(cls | Opcodes.ALU_MOV, dst.number(), 0, 0, (int) value.truncated(32));
        }
        if (Operands.startsRegister(s)) {
            Operands.Register src = Operands.register(s);
            LlvmStatement.sameWidth(s, dst, src);
            return Instruction.of(cls | Opcodes.ALU_MOV | Opcodes.SRC_X, dst.number(), src.number(), 0, 0);
        }
        int column = s.column();
        String word = s.word();
        if (word.matches("(be|le|bswap)(16|32|64)")) {
            return byteSwap(s, dst, word);
        }
        if (FETCH.containsKey(word)) {
            return fetch(s, dst, FETCH.get(word));
        }
        if (word.equals("xchg_64") || word.equals("xchg32_32") || word.equals("cmpxchg_64") || word.equals("cmpxchg32_32")) {
            return exchange(s, dst, word);
        }
        throw s.errorAt(column, "expected a value, a register, a load or an operation" + (word.isEmpty() ? s.found() : ", found '" + word + "'"));
    }

    /** {@code r0 = *(u8 *)(r1 + 0x4)}, {@code r0 = *(s16 *)(...)}, {@code r0 = *(u32 *)skb[0x4]}, {@code skb[r3]} */
    private static Instruction load(LineScanner s, Operands.Register dst, LlvmAnnotation note) {
        LlvmMemory.Type type = LlvmMemory.type(s);
        if (s.tryWord("skb")) {
            if (dst.number() != 0 || dst.word() || type.signed() || type.size() == Opcodes.SIZE_DW) {
                throw s.errorAt(type.column(), "packet loads are r0 = *(u8|u16|u32 *)skb[...]");
            }
            s.expect('[', "a packet offset");
            Instruction insn;
            if (Operands.startsRegister(s)) {
                int src = LlvmStatement.wide(s, Operands.register(s));
                int imm = note.is("imm") ? (int) note.value() : 0;
                insn = Instruction.of(Opcodes.CLASS_LD | Opcodes.MODE_IND | type.size(), 0, src, 0, imm);
            } else {
                int imm = (int) Operands.immediate(s, 32, "packet offset");
                insn = Instruction.of(Opcodes.CLASS_LD | Opcodes.MODE_ABS | type.size(), 0, 0, 0, imm);
            }
            s.expect(']', "the end of the packet offset");
            return insn;
        }
        Operands.Memory m = LlvmMemory.parenthesized(s);
        if (type.signed() && (type.size() == Opcodes.SIZE_DW || dst.word())) {
            throw s.errorAt(type.column(), "sign-extending loads are r = *(s8|s16|s32 *)");
        }
        if (dst.word() && type.size() == Opcodes.SIZE_DW) {
            throw s.errorAt(type.column(), "a 64-bit load needs r" + dst.number() + ", not w" + dst.number());
        }
        int mode = type.signed() ? Opcodes.MODE_MEMSX : Opcodes.MODE_MEM;
        return Instruction.of(Opcodes.CLASS_LDX | mode | type.size(), dst.number(), m.base(), m.off(), 0);
    }

    /** {@code r0 = (s8)r1}, {@code w0 = (s16)w1} */
    private static Instruction signExtendingMove(LineScanner s, Operands.Register dst, int cls) {
        s.expect('(', "a cast");
        int column = s.column();
        String type = s.word();
        int bits = switch (type) {
            case "s8" -> 8;
            case "s16" -> 16;
            case "s32" -> 32;
            default -> throw s.errorAt(column, "expected a cast (s8), (s16) or (s32), found '" + type + "'");
        };
        s.expect(')', "the end of the cast");
        Operands.Register src = Operands.register(s);
        LlvmStatement.sameWidth(s, dst, src);
        return Instruction.of(cls | Opcodes.ALU_MOV | Opcodes.SRC_X, dst.number(), src.number(), bits, 0);
    }

    /** {@code r0 = be16 r0} (ALU, source bit 1), {@code le} (ALU, 0), {@code bswap} (ALU64, 0) */
    private static Instruction byteSwap(LineScanner s, Operands.Register dst, String word) {
        Operands.Register src = Operands.register(s);
        if (dst.word() || src.word() || src.number() != dst.number()) {
            throw s.error("byte swaps are in place on a 64-bit register: r" + dst.number() + " = " + word + " r" + dst.number());
        }
        int bits = Integer.parseInt(word.replaceAll("\\D", ""));
        int opcode = word.startsWith("bswap") ? Opcodes.CLASS_ALU64 | Opcodes.ALU_END
                : Opcodes.CLASS_ALU | Opcodes.ALU_END | (word.startsWith("be") ? Opcodes.SRC_X : Opcodes.SRC_K);
        return Instruction.of(opcode, dst.number(), 0, 0, bits);
    }

    /** {@code r1 = atomic_fetch_add((u64 *)(r10 - 0x8), r1)}: the register fetched into is the value's. */
    private static Instruction fetch(LineScanner s, Operands.Register dst, int imm) {
        s.expect('(', "the arguments");
        LlvmMemory.Type type = LlvmMemory.type(s);
        Operands.Memory m = LlvmMemory.parenthesized(s);
        s.expect(',', "a comma");
        Operands.Register src = Operands.register(s);
        s.expect(')', "the end of the arguments");
        sameRegister(s, dst, src);
        int size = LlvmStatement.atomicSize(s, type, src);
        return Instruction.of(Opcodes.CLASS_STX | Opcodes.MODE_ATOMIC | size, m.base(), src.number(), m.off(), imm);
    }

    /** {@code r7 = xchg_64(r1 + 0x10, r7)}, {@code w0 = cmpxchg32_32(r10 - 0x8, w0, w1)} */
    private static Instruction exchange(LineScanner s, Operands.Register dst, String word) {
        boolean wide = word.endsWith("_64");
        boolean compare = word.startsWith("cmpxchg");
        if (dst.word() == wide) {
            throw s.error(word + " returns a " + (wide ? "64-bit r" : "32-bit w") + " register");
        }
        s.expect('(', "the arguments");
        Operands.Memory m = LlvmMemory.address(s);
        s.expect(',', "a comma");
        if (compare) {
            Operands.Register expected = Operands.register(s);
            if (expected.number() != 0 || dst.number() != 0 || expected.word() != dst.word()) {
                throw s.error("cmpxchg compares with and returns r0: " + (wide ? "r0" : "w0") + " = " + word + "(addr, "
                        + (wide ? "r0" : "w0") + ", src)");
            }
            s.expect(',', "a comma");
        }
        Operands.Register src = Operands.register(s);
        s.expect(')', "the end of the arguments");
        if (!compare) sameRegister(s, dst, src);
        if (src.word() == wide) throw s.error(word + " takes a " + (wide ? "64-bit r" : "32-bit w") + " register");
        int size = wide ? Opcodes.SIZE_DW : Opcodes.SIZE_W;
        int imm = compare ? Opcodes.ATOMIC_CMPXCHG : Opcodes.ATOMIC_XCHG;
        return Instruction.of(Opcodes.CLASS_STX | Opcodes.MODE_ATOMIC | size, m.base(), src.number(), m.off(), imm);
    }

    private static void sameRegister(LineScanner s, Operands.Register dst, Operands.Register src) {
        if (dst.number() != src.number()) {
            throw s.error("the old value returns in the source register: expected " + (dst.word() ? "w" : "r") + dst.number()
                    + " on both sides");
        }
    }

    /** Operator to ALU operation; signed division and modulo carry off 1 in bits 8+. */
    private static Map<String, Integer> aluOperators() {
        Map<String, Integer> map = new HashMap<>(LlvmStatement.inverse(LlvmSyntax.ALU_OPERATORS));
        map.remove("=");
        LlvmSyntax.SIGNED_ALU_OPERATORS.forEach((op, text) -> map.put(text, op | 1 << 8));
        return Map.copyOf(map);
    }
}
