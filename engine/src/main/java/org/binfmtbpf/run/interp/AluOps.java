package org.binfmtbpf.run.interp;

import org.binfmtbpf.isa.Alu;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/**
 * The ALU and ALU64 instructions (RFC 9669 4.1, 4.2): the new value of the destination
 * register. Plain Java operators where they agree with eBPF, {@link Alu} where they do not.
 * The operand is the source register (X) or the immediate sign-extended to 64 bits (K);
 * 32-bit operations use its low half, which is the immediate as u32.
 */
final class AluOps {
    private AluOps() {}

    static long alu64(Instruction insn, long[] r) {
        int opcode = insn.opcode();
        long a = r[insn.dst()];
        long b = Opcodes.source(opcode) == Opcodes.SRC_X ? r[insn.src()] : insn.imm();
        int off = insn.off();
        return switch (Opcodes.aluOp(opcode)) {
            case Opcodes.ALU_ADD -> a + b;
            case Opcodes.ALU_SUB -> a - b;
            case Opcodes.ALU_MUL -> a * b;
            case Opcodes.ALU_DIV -> off == 1 ? Alu.sdiv64(a, b) : Alu.udiv64(a, b);
            case Opcodes.ALU_OR -> a | b;
            case Opcodes.ALU_AND -> a & b;
            case Opcodes.ALU_LSH -> a << b;
            case Opcodes.ALU_RSH -> a >>> b;
            case Opcodes.ALU_NEG -> -a;
            case Opcodes.ALU_MOD -> off == 1 ? Alu.smod64(a, b) : Alu.umod64(a, b);
            case Opcodes.ALU_XOR -> a ^ b;
            case Opcodes.ALU_MOV -> off == 0 ? b : Alu.movsx64(b, off);
            case Opcodes.ALU_ARSH -> a >> b;
            case Opcodes.ALU_END -> Alu.swap(a, insn.imm()); // BSWAP (cpu v4)
            default -> throw invalid(opcode);
        };
    }

    static long alu32(Instruction insn, long[] r) {
        int opcode = insn.opcode();
        long a = r[insn.dst()];
        long b = Opcodes.source(opcode) == Opcodes.SRC_X ? r[insn.src()] : insn.imm();
        int off = insn.off();
        return switch (Opcodes.aluOp(opcode)) {
            case Opcodes.ALU_ADD -> Alu.zext32(a + b);
            case Opcodes.ALU_SUB -> Alu.zext32(a - b);
            case Opcodes.ALU_MUL -> Alu.zext32(a * b);
            case Opcodes.ALU_DIV -> off == 1 ? Alu.sdiv32(a, b) : Alu.udiv32(a, b);
            case Opcodes.ALU_OR -> Alu.zext32(a | b);
            case Opcodes.ALU_AND -> Alu.zext32(a & b);
            case Opcodes.ALU_LSH -> Alu.lsh32(a, b);
            case Opcodes.ALU_RSH -> Alu.rsh32(a, b);
            case Opcodes.ALU_NEG -> Alu.zext32(-a);
            case Opcodes.ALU_MOD -> off == 1 ? Alu.smod32(a, b) : Alu.umod32(a, b);
            case Opcodes.ALU_XOR -> Alu.zext32(a ^ b);
            case Opcodes.ALU_MOV -> off == 0 ? Alu.zext32(b) : Alu.movsx32(b, off);
            case Opcodes.ALU_ARSH -> Alu.arsh32(a, b);
            // The source bit selects the byte order: to little-endian (0) or to big-endian (1).
            case Opcodes.ALU_END -> Opcodes.source(opcode) == Opcodes.SRC_X ? Alu.swap(a, insn.imm()) : Alu.toLe(a, insn.imm());
            default -> throw invalid(opcode);
        };
    }

    static IllegalStateException invalid(int opcode) {
        return new IllegalStateException("opcode 0x" + Integer.toHexString(opcode) + " passed validation but has no meaning");
    }
}
