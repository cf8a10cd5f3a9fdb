package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.ElfFormatException;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.helpers.StandardHelpers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program of the project's C corpus (clang-19 objects) is accepted. (Objects that need
 * what no engine here has, such as bpf_loop's callbacks, live in {@code corpus/loader-only}.)
 */
class CCorpusVerificationTest {
    static Stream<String> objects() {
        return Corpus.objects().stream();
    }

    static LoadedObject load(String object) {
        return ElfLoader.load(Corpus.bytes(object), object, StandardHelpers.registry());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void everyProgramIsAccepted(String object) {
        LoadedObject obj = load(object);
        assertFalse(obj.programs().isEmpty(), object + " has no programs");
        List<String> refused = new ArrayList<>();
        for (LoadedProgram lp : obj.programs()) {
            try {
                VerifierResult r = Verifier.verify(lp.program());
                assertTrue(r.stats().processedInsns() > 0);
            } catch (VerificationException e) {
                refused.add(lp.name() + " [" + lp.section() + "]: " + e.getMessage() + "\n" + e.log());
            }
        }
        assertTrue(refused.isEmpty(), () -> String.join("\n\n", refused));
    }
}
