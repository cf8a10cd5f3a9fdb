package org.binfmtbpf.isa;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the wire form of a program (little-endian 8-byte slots) and
 * {@link Instruction} records. The decoded list is indexed by slot, like the kernel: the
 * second slot of LD_IMM64 is kept as an instruction of its own (opcode 0) so that jump
 * offsets and instruction indexes mean the same here as in the kernel and llvm-objdump.
 */
public final class InstructionCodec {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private InstructionCodec() {}

    /** Decodes one slot from its u64 form (no pairing of LD_IMM64). */
    public static Instruction decodeSlot(long slot) {
        int opcode = (int) (slot & 0xff);
        int regs = (int) ((slot >>> 8) & 0xff);
        short off = (short) (slot >>> 16);
        int imm = (int) (slot >>> 32);
        return new Instruction(opcode, regs & 0xf, regs >>> 4, off, imm, 0);
    }

    /**
     * Decodes slots into instructions, one per slot. The first slot of each LD_IMM64 gets the
     * second slot's imm as {@code imm2}; the second slot is decoded as it stands. A trailing
     * LD_IMM64 with no second slot is left with imm2 = 0 (the validator reports it).
     */
    public static Instruction[] decode(long[] slots) {
        Instruction[] out = new Instruction[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Instruction insn = decodeSlot(slots[i]);
            if (insn.isLdImm64() && i + 1 < slots.length) {
                Instruction second = decodeSlot(slots[i + 1]);
                out[i] = new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.off(), insn.imm(), second.imm());
                out[i + 1] = second;
                i++;
            } else {
                out[i] = insn;
            }
        }
        return out;
    }

    /** Decodes {@code length} bytes (a multiple of 8) starting at {@code offset}. */
    public static Instruction[] decode(byte[] bytes, int offset, int length) {
        if (length % 8 != 0) {
            throw new IllegalArgumentException("program length " + length + " is not a multiple of 8");
        }
        long[] slots = new long[length / 8];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = (long) LE_LONG.get(bytes, offset + i * 8);
        }
        return decode(slots);
    }

    public static Instruction[] decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Encodes instructions slot by slot (the inverse of {@link #decode(long[])}). */
    public static long[] encodeSlots(Instruction[] insns) {
        long[] out = new long[insns.length];
        for (int i = 0; i < insns.length; i++) {
            out[i] = insns[i].encodeSlot();
        }
        return out;
    }

    public static byte[] encode(Instruction[] insns) {
        byte[] out = new byte[insns.length * 8];
        for (int i = 0; i < insns.length; i++) {
            LE_LONG.set(out, i * 8, insns[i].encodeSlot());
        }
        return out;
    }

    /**
     * Expands a list of logical instructions (LD_IMM64 as one element carrying imm2) into
     * the slot form that {@link #decode(long[])} produces, appending the second slot.
     */
    public static Instruction[] toSlots(List<Instruction> logical) {
        List<Instruction> out = new ArrayList<>(logical.size() + 4);
        for (Instruction insn : logical) {
            out.add(insn);
            if (insn.isLdImm64()) {
                out.add(Instruction.of(0, 0, 0, 0, insn.imm2()));
            }
        }
        return out.toArray(new Instruction[0]);
    }
}
