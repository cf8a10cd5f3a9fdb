package org.binfmtbpf.jit;

import org.binfmtbpf.fuzz.FuzzHelpers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated code of a few tiny programs, as {@code JitCompiler.textify} prints it, must
 * equal the reviewed text in {@code src/test/resources/golden/NAME.txt}. After an intended
 * code generator change, regenerate with {@code -Dbinfmtbpf.golden.update=DIR} (DIR being
 * that folder) and review the diff.
 */
class GoldenTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"return_constant", "stack_and_helper", "branch_and_call", "counting_loop"})
    void generatedCodeMatchesTheReviewedText(String name) throws IOException {
        String actual = JitCompiler.textify(GeneratedCodeTest.program(name, program(name)));
        String update = System.getProperty("binfmtbpf.golden.update");
        if (update != null) {
            Files.writeString(Path.of(update, name + ".txt"), actual);
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name + ".txt")) {
            String expected = in == null ? "(no golden file " + name + ".txt)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expected, actual);
        }
    }

    private static Instruction[] program(String name) {
        return switch (name) {
            // mov r0, 42; exit
            case "return_constant" -> new Instruction[] {Instruction.of(0xb7, 0, 0, 0, 42), Instruction.of(0x95, 0, 0, 0, 0)};
            // stxdw [r10-8], r1; ldxw r2, [r10-8]; ldxb r3, [r1+1]; call mix; exit
            case "stack_and_helper" -> new Instruction[] {
                Instruction.of(0x7b, 10, 1, -8, 0),
                Instruction.of(0x61, 2, 10, -8, 0),
                Instruction.of(0x71, 3, 1, 1, 0),
                Instruction.of(0x85, 0, 0, 0, FuzzHelpers.MIX),
                Instruction.of(0x95, 0, 0, 0, 0)};
            // main: mov r1, 5; jgt r1, 3, +1; mov r1, 0; call local f; exit.  f: mov32 r0, r1; div32 r0, 2; exit
            case "branch_and_call" -> new Instruction[] {
                Instruction.of(0xb7, 1, 0, 0, 5),
                Instruction.of(0x25, 1, 0, 1, 3),
                Instruction.of(0xb7, 1, 0, 0, 0),
                Instruction.of(0x85, 0, 1, 0, 1),
                Instruction.of(0x95, 0, 0, 0, 0),
                Instruction.of(0xbc, 0, 1, 0, 0),
                Instruction.of(0x34, 0, 0, 0, 2),
                Instruction.of(0x95, 0, 0, 0, 0)};
            // mov r0, 0; mov r1, 10; loop: add r0, r1; sub r1, 1; jne r1, 0, loop; exit
            // (the back edge is the opposite test over a GOTO: see BranchEmitter)
            case "counting_loop" -> new Instruction[] {
                Instruction.of(0xb7, 0, 0, 0, 0),
                Instruction.of(0xb7, 1, 0, 0, 10),
                Instruction.of(0x0f, 0, 1, 0, 0),
                Instruction.of(0x17, 1, 0, 0, 1),
                Instruction.of(0x55, 1, 0, -3, 0),
                Instruction.of(0x95, 0, 0, 0, 0)};
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Program compiledExample(String name) {
        return GeneratedCodeTest.program(name, program(name));
    }
}
