package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Alu;
import org.binfmtbpf.isa.Opcodes;

/**
 * The exact result of an ALU instruction on known operands, so constants stay constants
 * (constant folding in the abstract domain). Every rule that differs from a Java operator
 * comes from {@link Alu}, the same methods both engines call.
 */
final class ConcreteAlu {
    private ConcreteAlu() {}

    /**
     * @param opcode the ALU or ALU64 opcode
     * @param off    the instruction's offset field (signed DIV/MOD, MOVSX width)
     * @param imm    the instruction's immediate (byte-swap width)
     * @param dst    the destination's value before the instruction
     * @param src    the source operand (the register, or the immediate as the class extends it)
     */
    static long eval(int opcode, int off, int imm, long dst, long src) {
        boolean is64 = Opcodes.cls(opcode) == Opcodes.CLASS_ALU64;
        int op = Opcodes.aluOp(opcode);
        if (is64) {
            return switch (op) {
                case Opcodes.ALU_ADD -> dst + src;
                case Opcodes.ALU_SUB -> dst - src;
                case Opcodes.ALU_MUL -> dst * src;
                case Opcodes.ALU_DIV -> off == 1 ? Alu.sdiv64(dst, src) : Alu.udiv64(dst, src);
                case Opcodes.ALU_MOD -> off == 1 ? Alu.smod64(dst, src) : Alu.umod64(dst, src);
                case Opcodes.ALU_OR -> dst | src;
                case Opcodes.ALU_AND -> dst & src;
                case Opcodes.ALU_XOR -> dst ^ src;
                case Opcodes.ALU_LSH -> dst << src;
                case Opcodes.ALU_RSH -> dst >>> src;
                case Opcodes.ALU_ARSH -> dst >> src;
                case Opcodes.ALU_NEG -> -dst;
                case Opcodes.ALU_MOV -> off == 0 ? src : Alu.movsx64(src, off);
                case Opcodes.ALU_END -> Alu.swap(dst, imm);
                default -> throw new IllegalArgumentException("not an ALU64 operation: " + opcode);
            };
        }
        return switch (op) {
            case Opcodes.ALU_ADD -> Alu.zext32(dst + src);
            case Opcodes.ALU_SUB -> Alu.zext32(dst - src);
            case Opcodes.ALU_MUL -> Alu.zext32(dst * src);
            case Opcodes.ALU_DIV -> off == 1 ? Alu.sdiv32(dst, src) : Alu.udiv32(dst, src);
            case Opcodes.ALU_MOD -> off == 1 ? Alu.smod32(dst, src) : Alu.umod32(dst, src);
            case Opcodes.ALU_OR -> Alu.zext32(dst | src);
            case Opcodes.ALU_AND -> Alu.zext32(dst & src);
            case Opcodes.ALU_XOR -> Alu.zext32(dst ^ src);
            case Opcodes.ALU_LSH -> Alu.lsh32(dst, src);
            case Opcodes.ALU_RSH -> Alu.rsh32(dst, src);
            case Opcodes.ALU_ARSH -> Alu.arsh32(dst, src);
            case Opcodes.ALU_NEG -> Alu.zext32(-dst);
            case Opcodes.ALU_MOV -> off == 0 ? Alu.zext32(src) : Alu.movsx32(src, off);
            case Opcodes.ALU_END -> Opcodes.source(opcode) == Opcodes.SRC_K ? Alu.toLe(dst, imm) : Alu.swap(dst, imm);
            default -> throw new IllegalArgumentException("not an ALU operation: " + opcode);
        };
    }
}
