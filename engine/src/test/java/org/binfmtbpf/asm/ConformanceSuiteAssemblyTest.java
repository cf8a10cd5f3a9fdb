package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.isa.ProgramValidator;
import org.junit.jupiter.api.Test;

/** The whole public conformance suite: every test assembles and loads; every negative is refused. */
class ConformanceSuiteAssemblyTest {

    /**
     * Negative files that no assembler or load-time check can refuse: the program is valid
     * and the test expects the runner to notice a wrong result at run time.
     * error.data: `or %r0, %r10` reads r0 before writing it (only the verifier refuses that);
     * incorrect_return_value_high_bits.data: the expected r0 is deliberately wrong.
     */
    private static final Set<String> RUNTIME_NEGATIVES = Set.of("error.data", "incorrect_return_value_high_bits.data");

    @Test
    void everyTestProgramAssemblesAndPassesLoadTimeValidation() {
        List<Path> files = ConformanceFiles.dataFiles("tests");
        assertTrue(files.size() >= 313, "expected the 313 suite files, found " + files.size());
        List<String> withoutAsm = new ArrayList<>();
        List<Runnable> checks = new ArrayList<>();
        for (Path file : files) {
            String asm = ConformanceFiles.sections(file).get("asm");
            if (asm == null) {
                withoutAsm.add(file.getFileName().toString());
                continue;
            }
            try {
                Instruction[] slots = ConformanceAssembler.assemble(asm);
                ProgramValidator.validate(slots);
            } catch (AssemblyException | InvalidProgramException e) {
                checks.add(() -> fail(file.getFileName() + ": " + e.getMessage()));
            }
        }
        System.out.printf("conformance: %d files, %d assembled, %d without an asm section %s%n",
                files.size(), files.size() - withoutAsm.size(), withoutAsm.size(), withoutAsm);
        assertAll(checks.stream().map(r -> r::run));
    }

    @Test
    void everyNegativeProgramIsRefusedByTheAssemblerOrTheValidator() {
        List<Path> files = ConformanceFiles.dataFiles("negative");
        assertTrue(files.size() >= 60, "expected the negative suite, found " + files.size());
        int refused = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            Map<String, String> sections = ConformanceFiles.sections(file);
            Runnable load = () -> {
                Instruction[] slots = sections.containsKey("raw")
                        ? InstructionCodec.decode(ConformanceFiles.rawBytes(sections.get("raw")))
                        : ConformanceAssembler.assemble(sections.getOrDefault("asm", ""));
                ProgramValidator.validate(slots);
            };
            if (RUNTIME_NEGATIVES.contains(name)) {
                load.run(); // valid at load time by design; see RUNTIME_NEGATIVES
                continue;
            }
            RuntimeException e = assertThrows(RuntimeException.class, load::run, name + " was accepted");
            assertTrue(e instanceof AssemblyException || e instanceof InvalidProgramException,
                    name + ": refused with " + e);
            assertEquals(1, e.getMessage().lines().count(), name + ": message must be one line");
            refused++;
        }
        assertEquals(files.size() - RUNTIME_NEGATIVES.size(), refused);
    }
}
