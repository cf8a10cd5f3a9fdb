package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Opcodes;

/** Memory operands of llvm's syntax: {@code *(u32 *)}, {@code (r1 + 0x8)}, {@code r10 - 0x8}. */
final class LlvmMemory {
    private LlvmMemory() {}

    /** {@code *(u8 *)} or {@code (s16 *)}: the size field of the opcode and whether the type is signed. */
    record Type(int size, boolean signed, int column) {
        int bits() { return Opcodes.sizeBytes(size) * 8; }
    }

    /** Reads {@code (uN *)} (the caller has consumed any leading {@code *}). */
    static Type type(LineScanner s) {
        s.expect('(', "a type");
        int column = s.column();
        String word = s.word();
        boolean signed = word.startsWith("s");
        int size = switch (word.isEmpty() ? "" : word.substring(1)) {
            case "8" -> Opcodes.SIZE_B;
            case "16" -> Opcodes.SIZE_H;
            case "32" -> Opcodes.SIZE_W;
            case "64" -> Opcodes.SIZE_DW;
            default -> -1;
        };
        if (size < 0 || !(word.startsWith("u") || signed)) {
            throw s.errorAt(column, "expected a type u8, u16, u32, u64, s8, s16 or s32, found '" + word + "'");
        }
        s.expect('*', "a pointer type");
        s.expect(')', "the end of the type");
        return new Type(size, signed, column);
    }

    /** {@code r1 + 0x8}, {@code r10 - 0x8}, {@code r1}: base register and offset. */
    static Operands.Memory address(LineScanner s) {
        Operands.Register base = Operands.register(s);
        if (base.word()) {
            throw s.error("a base address is a 64-bit register r" + base.number() + ", not w" + base.number());
        }
        char c = s.peek();
        short off = c == '+' || c == '-' ? Operands.signedOffset(s) : 0;
        return new Operands.Memory(base.number(), off);
    }

    /** {@code (r1 + 0x8)} */
    static Operands.Memory parenthesized(LineScanner s) {
        s.expect('(', "an address");
        Operands.Memory m = address(s);
        s.expect(')', "the end of the address");
        return m;
    }
}
