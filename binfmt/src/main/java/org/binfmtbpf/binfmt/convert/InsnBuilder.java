package org.binfmtbpf.binfmt.convert;

import static org.binfmtbpf.isa.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.isa.Instruction;

/**
 * A small assembler for generated programs: instructions in order, forward jumps to named
 * labels patched when the label is placed. Offsets count slots (LD_IMM64 takes two), as the
 * kernel's do.
 */
final class InsnBuilder {
    private final List<Instruction> insns = new ArrayList<>();
    private final List<Integer> slotOf = new ArrayList<>();
    private final Map<String, List<Integer>> pending = new HashMap<>();
    private int slots;

    private InsnBuilder add(Instruction insn) {
        insns.add(insn);
        slotOf.add(slots);
        slots += insn.slots();
        return this;
    }

    InsnBuilder movImm(int dst, int imm) {
        return add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, dst, 0, 0, imm));
    }

    InsnBuilder movReg(int dst, int src) {
        return add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, dst, src, 0, 0));
    }

    InsnBuilder addImm(int dst, int imm) {
        return add(Instruction.of(CLASS_ALU64 | ALU_ADD | SRC_K, dst, 0, 0, imm));
    }

    InsnBuilder addReg(int dst, int src) {
        return add(Instruction.of(CLASS_ALU64 | ALU_ADD | SRC_X, dst, src, 0, 0));
    }

    InsnBuilder andImm(int dst, int imm) {
        return add(Instruction.of(CLASS_ALU64 | ALU_AND | SRC_K, dst, 0, 0, imm));
    }

    InsnBuilder andReg(int dst, int src) {
        return add(Instruction.of(CLASS_ALU64 | ALU_AND | SRC_X, dst, src, 0, 0));
    }

    InsnBuilder ldImm64(int dst, long value) {
        return add(Instruction.ldImm64(dst, 0, value));
    }

    /** dst = *(size *)(src + off), size in bytes 1, 2, 4 or 8. */
    InsnBuilder load(int size, int dst, int src, int off) {
        return add(Instruction.of(CLASS_LDX | MODE_MEM | sizeField(size), dst, src, off, 0));
    }

    /** *(size *)(dst + off) = src. */
    InsnBuilder store(int size, int dst, int off, int src) {
        return add(Instruction.of(CLASS_STX | MODE_MEM | sizeField(size), dst, src, off, 0));
    }

    InsnBuilder call(int helper) {
        return add(Instruction.of(CLASS_JMP | JMP_CALL, 0, 0, 0, helper));
    }

    InsnBuilder exit() {
        return add(Instruction.of(CLASS_JMP | JMP_EXIT, 0, 0, 0, 0));
    }

    /** if (u32) dst != imm goto label. */
    InsnBuilder jne32Imm(int dst, int imm, String label) {
        return jump(Instruction.of(CLASS_JMP32 | JMP_JNE | SRC_K, dst, 0, 0, imm), label);
    }

    /** if dst != src goto label (64-bit). */
    InsnBuilder jneReg(int dst, int src, String label) {
        return jump(Instruction.of(CLASS_JMP | JMP_JNE | SRC_X, dst, src, 0, 0), label);
    }

    /** if (s64) dst < imm goto label. */
    InsnBuilder jsltImm(int dst, int imm, String label) {
        return jump(Instruction.of(CLASS_JMP | JMP_JSLT | SRC_K, dst, 0, 0, imm), label);
    }

    private InsnBuilder jump(Instruction insn, String label) {
        pending.computeIfAbsent(label, l -> new ArrayList<>()).add(insns.size());
        return add(insn);
    }

    /** Places {@code label} here: every jump to it so far now lands on the next instruction. */
    InsnBuilder label(String label) {
        for (int index : pending.getOrDefault(label, List.of())) {
            Instruction j = insns.get(index);
            int off = slots - (slotOf.get(index) + 1);
            insns.set(index, Instruction.of(j.opcode(), j.dst(), j.src(), off, j.imm()));
        }
        pending.remove(label);
        return this;
    }

    /** The logical instructions (LD_IMM64 as one element); every jump must have its label placed. */
    List<Instruction> build() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("labels never placed: " + pending.keySet());
        }
        return List.copyOf(insns);
    }

    private static int sizeField(int size) {
        return switch (size) {
            case 1 -> SIZE_B;
            case 2 -> SIZE_H;
            case 4 -> SIZE_W;
            case 8 -> SIZE_DW;
            default -> throw new IllegalArgumentException("size " + size);
        };
    }
}
