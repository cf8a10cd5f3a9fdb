package org.binfmtbpf.isa;

/**
 * One decoded eBPF instruction slot (RFC 9669 section 3): {@code opcode:8 dst:4 src:4 off:16 imm:32}.
 * The wide load {@code LD_IMM64} occupies two slots; its first slot carries the upper half of
 * the immediate in {@link #imm2} (the second slot's imm) so a reader of one slot has the whole value.
 *
 * @param opcode the opcode byte, 0..255
 * @param dst    destination register field, 0..15
 * @param src    source register field, 0..15
 * @param off    signed 16-bit offset
 * @param imm    signed 32-bit immediate
 * @param imm2   for the first slot of LD_IMM64: the second slot's imm; otherwise 0
 */
public record Instruction(int opcode, int dst, int src, short off, int imm, int imm2) {

    public Instruction {
        if ((opcode & ~0xff) != 0 || (dst & ~0xf) != 0 || (src & ~0xf) != 0) {
            throw new IllegalArgumentException("field out of range: opcode=" + opcode + " dst=" + dst + " src=" + src);
        }
    }

    public static Instruction of(int opcode, int dst, int src, int off, int imm) {
        return new Instruction(opcode, dst, src, (short) off, imm, 0);
    }

    public static Instruction ldImm64(int dst, int src, long value) {
        return new Instruction(Opcodes.LD_IMM64, dst, src, (short) 0, (int) value, (int) (value >>> 32));
    }

    public int cls() { return Opcodes.cls(opcode); }

    public boolean isLdImm64() { return opcode == Opcodes.LD_IMM64; }

    /** Number of 8-byte slots this instruction occupies: 2 for LD_IMM64, else 1. */
    public int slots() { return isLdImm64() ? 2 : 1; }

    /** The 64-bit immediate of LD_IMM64: imm (low half) and imm2 (high half). */
    public long imm64() { return (imm & 0xffffffffL) | ((long) imm2 << 32); }

    /** Packs one slot as the kernel's little-endian {@code struct bpf_insn} read as a u64. */
    public long encodeSlot() {
        return (opcode & 0xffL) | ((long) (dst | (src << 4)) << 8) | ((off & 0xffffL) << 16) | ((long) imm << 32);
    }
}
