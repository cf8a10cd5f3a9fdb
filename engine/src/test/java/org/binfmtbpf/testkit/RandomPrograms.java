package org.binfmtbpf.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;

/**
 * Random instruction sequences in which every instruction is a valid form of the
 * instruction set (fields drawn from small pools of interesting values, then checked with
 * {@link OpcodeTable}), ending in exit. The program as a whole may still be refused by the
 * validator (a jump out of range, a call into the middle of nowhere); callers skip those.
 */
final class RandomPrograms {
    private static final int[] OFFSETS = {0, 0, 1, -1, 2, -2, 3, 1, 8, 16, 32, -8, -16, -512, 4, 6};
    private static final int[] IMMEDIATES = {0, 1, -1, 2, 5, 7, 8, 16, 31, 32, 63, 64, -8, 0x7fffffff, 0x80000000,
            Opcodes.ATOMIC_ADD, Opcodes.ATOMIC_OR, Opcodes.ATOMIC_AND, Opcodes.ATOMIC_XOR, Opcodes.ATOMIC_ADD | Opcodes.ATOMIC_FETCH,
            Opcodes.ATOMIC_OR | Opcodes.ATOMIC_FETCH, Opcodes.ATOMIC_XCHG, Opcodes.ATOMIC_CMPXCHG, 3, -3, 255};

    private final Random random;
    private final List<OpcodeSpec> forms = OpcodeTable.forms();

    RandomPrograms(long seed) {
        this.random = new Random(seed);
    }

    Instruction[] next(int length) {
        List<Instruction> slots = new ArrayList<>();
        while (slots.size() < length) {
            Instruction insn = instruction();
            slots.add(insn);
            if (insn.isLdImm64()) {
                slots.add(Instruction.of(0, 0, 0, 0, insn.imm2()));
            }
        }
        slots.add(Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0));
        return slots.toArray(new Instruction[0]);
    }

    byte[] memory() {
        byte[] bytes = new byte[random.nextInt(4) * 8 + random.nextInt(2)];
        random.nextBytes(bytes);
        return bytes;
    }

    private Instruction instruction() {
        while (true) {
            OpcodeSpec spec = forms.get(random.nextInt(forms.size()));
            for (int attempt = 0; attempt < 40; attempt++) {
                Instruction insn = candidate(spec.opcode());
                if (spec.accepts(insn) && insn.dst() != 10) {
                    return insn;
                }
            }
        }
    }

    private Instruction candidate(int opcode) {
        int dst = random.nextInt(11);
        int src = random.nextInt(random.nextBoolean() ? 11 : 3);
        int off = pick(OFFSETS);
        int imm = random.nextInt(4) == 0 ? random.nextInt() : pick(IMMEDIATES);
        if (opcode == Opcodes.LD_IMM64) {
            long value = random.nextBoolean() ? random.nextLong() : (1L << 32) + random.nextInt(16); // sometimes the context
            return Instruction.ldImm64(dst, 0, value);
        }
        return Instruction.of(opcode, dst, src, off, imm);
    }

    private int pick(int[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
