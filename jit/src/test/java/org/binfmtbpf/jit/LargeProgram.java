package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import java.util.Random;
import org.binfmtbpf.isa.Instruction;

/**
 * A long single-function program for the method-size tests: segments of arithmetic, stack
 * stores and loads and forward branches, some of them loops run a few times (r9 counts; no
 * branch enters a loop from outside, so every loop is bounded). Every slot is one
 * instruction, so any index is a valid branch target.
 */
final class LargeProgram {
    private static final int[] OPS = {ALU_ADD, ALU_SUB, ALU_MUL, ALU_OR, ALU_AND, ALU_XOR, ALU_LSH, ALU_RSH, ALU_ARSH,
            ALU_DIV, ALU_MOD, ALU_MOV};
    private static final int[] CONDITIONS = {JMP_JEQ, JMP_JGT, JMP_JGE, JMP_JSET, JMP_JNE, JMP_JSGT, JMP_JLT, JMP_JSLE};

    private LargeProgram() {}

    static Instruction[] generate(int length, long seed) {
        Random rnd = new Random(seed);
        Instruction[] out = new Instruction[length];
        int pc = 0;
        while (pc < length - 1) {
            int remaining = length - 1 - pc;
            int size = Math.min(remaining, 32 + rnd.nextInt(480));
            boolean loop = size >= 8 && rnd.nextInt(3) == 0;
            int bodyStart = loop ? pc + 1 : pc;
            int bodyEnd = loop ? pc + size - 2 : pc + size;
            if (loop) {
                out[pc] = Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, 9, 0, 0, 1 + rnd.nextInt(3));
            }
            for (int i = bodyStart; i < bodyEnd; i++) {
                out[i] = body(rnd, i, bodyEnd);
            }
            if (loop) {
                out[bodyEnd] = Instruction.of(CLASS_ALU64 | ALU_ADD | SRC_K, 9, 0, 0, -1);
                out[bodyEnd + 1] = Instruction.of(CLASS_JMP | JMP_JNE | SRC_K, 9, 0, bodyStart - (bodyEnd + 2), 0);
            }
            pc += size;
        }
        out[length - 1] = Instruction.of(CLASS_JMP | JMP_EXIT, 0, 0, 0, 0);
        return out;
    }

    /** One body instruction at {@code pc}; branches stay before {@code end}. */
    private static Instruction body(Random rnd, int pc, int end) {
        int r = rnd.nextInt(100);
        int dst = rnd.nextInt(6);
        if (r < 12) {
            return Instruction.of(CLASS_STX | MODE_MEM | SIZE_DW, 10, rnd.nextInt(6), -8 * (1 + rnd.nextInt(8)), 0);
        }
        if (r < 24) {
            return Instruction.of(CLASS_LDX | MODE_MEM | SIZE_DW, dst, 10, -8 * (1 + rnd.nextInt(8)), 0);
        }
        if (r < 34 && end - pc > 2) {
            int off = rnd.nextInt(Math.min(300, end - pc - 1));
            int cls = rnd.nextBoolean() ? CLASS_JMP : CLASS_JMP32;
            return Instruction.of(cls | CONDITIONS[rnd.nextInt(CONDITIONS.length)] | SRC_K, dst, 0, off, rnd.nextInt(1000));
        }
        int cls = rnd.nextBoolean() ? CLASS_ALU64 : CLASS_ALU;
        int op = OPS[rnd.nextInt(OPS.length)];
        if (rnd.nextBoolean()) {
            int imm = op == ALU_LSH || op == ALU_RSH || op == ALU_ARSH ? rnd.nextInt(32) : rnd.nextInt();
            return Instruction.of(cls | op | SRC_K, dst, 0, 0, imm);
        }
        return Instruction.of(cls | op | SRC_X, dst, rnd.nextInt(6), 0, 0);
    }
}
