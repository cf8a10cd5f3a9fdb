package org.binfmtbpf.asm;

import java.util.Map;
import org.binfmtbpf.isa.Opcodes;

/**
 * The spellings of llvm's BPF assembly (llvm/lib/Target/BPF/BPFInstrInfo.td, as printed by
 * llvm-objdump-19), shared by the {@link Disassembler} and the {@link LlvmAssembler} so the two
 * directions cannot disagree.
 */
final class LlvmSyntax {
    private LlvmSyntax() {}

    /** Compound assignment operators of the ALU operations that have one (RFC 9669 4.1). */
    static final Map<Integer, String> ALU_OPERATORS = Map.ofEntries(
            Map.entry(Opcodes.ALU_ADD, "+="), Map.entry(Opcodes.ALU_SUB, "-="), Map.entry(Opcodes.ALU_MUL, "*="),
            Map.entry(Opcodes.ALU_DIV, "/="), Map.entry(Opcodes.ALU_OR, "|="), Map.entry(Opcodes.ALU_AND, "&="),
            Map.entry(Opcodes.ALU_LSH, "<<="), Map.entry(Opcodes.ALU_RSH, ">>="), Map.entry(Opcodes.ALU_MOD, "%="),
            Map.entry(Opcodes.ALU_XOR, "^="), Map.entry(Opcodes.ALU_MOV, "="), Map.entry(Opcodes.ALU_ARSH, "s>>="));

    /** Signed division and modulo (off 1) write their operator with an {@code s}. */
    static final Map<Integer, String> SIGNED_ALU_OPERATORS = Map.of(Opcodes.ALU_DIV, "s/=", Opcodes.ALU_MOD, "s%=");

    /** Comparison operators of the conditional jumps (RFC 9669 4.3). */
    static final Map<Integer, String> JUMP_OPERATORS = Map.ofEntries(
            Map.entry(Opcodes.JMP_JEQ, "=="), Map.entry(Opcodes.JMP_JGT, ">"), Map.entry(Opcodes.JMP_JGE, ">="),
            Map.entry(Opcodes.JMP_JSET, "&"), Map.entry(Opcodes.JMP_JNE, "!="), Map.entry(Opcodes.JMP_JSGT, "s>"),
            Map.entry(Opcodes.JMP_JSGE, "s>="), Map.entry(Opcodes.JMP_JLT, "<"), Map.entry(Opcodes.JMP_JLE, "<="),
            Map.entry(Opcodes.JMP_JSLT, "s<"), Map.entry(Opcodes.JMP_JSLE, "s<="));

    /** Operators of the atomic operations without fetch: {@code lock *(u64 *)(r1 + 0x0) += r2}. */
    static final Map<Integer, String> ATOMIC_OPERATORS = Map.of(
            Opcodes.ATOMIC_ADD, "+=", Opcodes.ATOMIC_OR, "|=", Opcodes.ATOMIC_AND, "&=", Opcodes.ATOMIC_XOR, "^=");

    /** Function names of the fetching atomic operations: {@code r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r2)}. */
    static final Map<Integer, String> ATOMIC_FETCH_FUNCTIONS = Map.of(
            Opcodes.ATOMIC_ADD | Opcodes.ATOMIC_FETCH, "atomic_fetch_add",
            Opcodes.ATOMIC_OR | Opcodes.ATOMIC_FETCH, "atomic_fetch_or",
            Opcodes.ATOMIC_AND | Opcodes.ATOMIC_FETCH, "atomic_fetch_and",
            Opcodes.ATOMIC_XOR | Opcodes.ATOMIC_FETCH, "atomic_fetch_xor");

    /** The C type llvm writes for a load/store size: {@code u8}, {@code s16}, ... */
    static String type(int opcode, boolean signed) {
        return (signed ? "s" : "u") + Opcodes.sizeBytes(opcode) * 8;
    }

    /** A signed value in llvm's hex form: {@code 0x1f}, {@code -0x8}. */
    static String hex(long value) {
        return value < 0 ? "-0x" + Long.toHexString(-value) : "0x" + Long.toHexString(value);
    }

    /** A relative jump offset: {@code +0x5}, {@code -0x3}, {@code +0x0}. */
    static String branch(long delta) {
        return delta < 0 ? hex(delta) : "+" + hex(delta);
    }

    /** A base register and offset: {@code r1 + 0x8}, {@code r10 - 0x8}. */
    static String address(int base, short off) {
        return "r" + base + (off < 0 ? " - " + hex(-(long) off) : " + " + hex(off));
    }
}
