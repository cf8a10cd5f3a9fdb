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

    /**
     * A program of about {@code length} instructions; one in three is a main function that
     * calls a second function (to exercise frames, r6-r9 and the stack floor).
     */
    Instruction[] next(int length) {
        List<Instruction> slots = new ArrayList<>();
        body(slots, length);
        if (random.nextInt(3) != 0) {
            slots.add(EXIT);
            return slots.toArray(new Instruction[0]);
        }
        int call = slots.size();
        slots.add(null); // the call, patched once the callee's start is known
        body(slots, 1 + random.nextInt(3));
        slots.add(EXIT);
        int callee = slots.size();
        slots.set(call, Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_CALL, 0, Opcodes.CALL_LOCAL, 0, callee - call - 1));
        body(slots, 1 + random.nextInt(length + 1));
        slots.add(EXIT);
        return slots.toArray(new Instruction[0]);
    }

    private static final Instruction EXIT = Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0);

    private void body(List<Instruction> slots, int length) {
        int end = slots.size() + length;
        while (slots.size() < end) {
            Instruction insn = instruction();
            if (insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_LOCAL) {
                continue; // local calls are placed by next()
            }
            slots.add(insn);
            if (insn.isLdImm64()) {
                slots.add(Instruction.of(0, 0, 0, 0, insn.imm2()));
            }
        }
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
        boolean memory = Opcodes.cls(opcode) == Opcodes.CLASS_LDX || Opcodes.cls(opcode) == Opcodes.CLASS_ST
                || Opcodes.cls(opcode) == Opcodes.CLASS_STX;
        // Memory instructions mostly go through r10 or r1 (the stack and the context), so most of them succeed.
        int base = random.nextBoolean() ? 10 : random.nextInt(11);
        int dst = memory && Opcodes.cls(opcode) != Opcodes.CLASS_LDX ? base : random.nextInt(11);
        int src = memory && Opcodes.cls(opcode) == Opcodes.CLASS_LDX ? base : random.nextInt(random.nextBoolean() ? 11 : 3);
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
