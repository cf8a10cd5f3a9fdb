package org.binfmtbpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Predicate;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.isa.Opcodes;
import org.junit.jupiter.api.Test;

/** The minimiser keeps what makes a case fail and drops the rest, leaving a valid program. */
class MinimiserTest {
    private static final int MUL64 = Opcodes.CLASS_ALU64 | Opcodes.ALU_MUL;

    @Test
    void shrinksAGeneratedProgramToTheInstructionThatMatters() {
        FuzzCase big = null;
        for (long seed = 1; big == null; seed++) {
            FuzzCase c = FuzzCase.generate(seed, RandomProgram.Profile.ENGINE);
            if (hasMul(c) && c.slots().length > 40) {
                big = c;
            }
        }
        Predicate<FuzzCase> stillFails = c -> hasMul(c) && valid(c);
        FuzzCase small = new Minimiser(stillFails, 5_000).minimise(big);
        assertTrue(stillFails.test(small));
        assertTrue(small.slots().length <= 4, () -> "still " + small.slots().length + " slots: " + Arrays.toString(small.slots()));
    }

    @Test
    void deletingAnInstructionMovesTheJumpsThatCrossIt() {
        Instruction[] slots = {
            Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JEQ | Opcodes.SRC_K, 1, 0, 2, 0), // to 3
            Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JA, 0, 0, 0, 0),
            Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV | Opcodes.SRC_K, 0, 0, 0, 1),
            Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0),
        };
        Instruction[] out = Minimiser.delete(slots, 1);
        assertEquals(3, out.length);
        assertArrayEquals(new Instruction[] {
            Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JEQ | Opcodes.SRC_K, 1, 0, 1, 0), // still to the exit
            slots[2], slots[3]}, out);
    }

    private static boolean hasMul(FuzzCase c) {
        return Arrays.stream(c.slots()).anyMatch(i -> (i.opcode() & ~Opcodes.SRC_X) == MUL64);
    }

    private static boolean valid(FuzzCase c) {
        try (FuzzCase.Built b = c.build()) {
            return true;
        } catch (InvalidProgramException e) {
            return false;
        }
    }
}
