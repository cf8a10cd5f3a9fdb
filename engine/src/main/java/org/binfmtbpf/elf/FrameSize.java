package org.binfmtbpf.elf;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;

/**
 * The stack a function's frame needs, found the way clang's code uses it: every access
 * through r10 (or a register copied from r10 and moved by a constant) and every stack
 * address handed to a helper. Rounded as the kernel's verifier accounts frames: up to 32
 * bytes, at least 32.
 */
final class FrameSize {
    private static final int FP = 10;
    private static final long NONE = Long.MIN_VALUE;

    private FrameSize() {}

    static int of(Instruction[] insns, int start, int end) {
        long[] fpOffset = new long[11];
        java.util.Arrays.fill(fpOffset, NONE);
        fpOffset[FP] = 0;
        long depth = 0;
        for (int pc = start; pc < end; pc++) {
            Instruction insn = insns[pc];
            int cls = insn.cls();
            int dst = insn.dst();
            int src = insn.src();
            if (cls == Opcodes.CLASS_LDX || cls == Opcodes.CLASS_ST || cls == Opcodes.CLASS_STX) {
                int base = cls == Opcodes.CLASS_LDX ? src : dst;
                if (base <= FP && fpOffset[base] != NONE) {
                    depth = Math.max(depth, -(fpOffset[base] + insn.off()));
                }
                if (cls == Opcodes.CLASS_LDX && dst < FP) {
                    fpOffset[dst] = NONE;
                }
                if (cls == Opcodes.CLASS_STX && (insn.opcode() & 0xe0) == Opcodes.MODE_ATOMIC && src < FP) {
                    fpOffset[src] = NONE; // fetch variants write the old value back
                    fpOffset[0] = NONE;   // cmpxchg writes r0
                }
                continue;
            }
            if (cls == Opcodes.CLASS_ALU64 && dst < FP) {
                int op = insn.opcode() & 0xf0;
                boolean reg = (insn.opcode() & Opcodes.SRC_X) != 0;
                if (op == Opcodes.ALU_MOV && reg && insn.off() == 0 && src <= FP) {
                    fpOffset[dst] = fpOffset[src];
                } else if (op == Opcodes.ALU_ADD && !reg && fpOffset[dst] != NONE) {
                    fpOffset[dst] += insn.imm();
                } else if (op == Opcodes.ALU_SUB && !reg && fpOffset[dst] != NONE) {
                    fpOffset[dst] -= insn.imm();
                } else {
                    fpOffset[dst] = NONE;
                }
                if (fpOffset[dst] != NONE) {
                    depth = Math.max(depth, -fpOffset[dst]);
                }
                continue;
            }
            if (cls == Opcodes.CLASS_JMP && (insn.opcode() & 0xf0) == Opcodes.JMP_CALL) {
                for (int r = 0; r <= 5; r++) {
                    fpOffset[r] = NONE;
                }
                continue;
            }
            if ((cls == Opcodes.CLASS_ALU || cls == Opcodes.CLASS_LD) && dst < FP) {
                fpOffset[dst] = NONE;
                if (cls == Opcodes.CLASS_LD && (insn.opcode() & 0xe0) != Opcodes.MODE_IMM) {
                    for (int r = 0; r <= 5; r++) {
                        fpOffset[r] = NONE; // LD_ABS / LD_IND clobber r0-r5
                    }
                }
                if (insn.isLdImm64()) {
                    pc++;
                }
            }
        }
        long clamped = Math.min(Math.max(depth, 1), 1 << 20);
        return (int) ((clamped + 31) & ~31L);
    }
}
