package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.helpers.StandardHelpers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program of the project's C corpus (clang-19 objects) is accepted, except those that
 * need what no engine here has yet, which are refused with the reason listed below.
 */
class CCorpusVerificationTest {
    /** Corpus objects refused on purpose: object to the reason every program in it gets. */
    private static final Map<String, String> NOT_YET_SUPPORTED = Map.of(
            "loop_callback.bpf.o", "callbacks (ld_imm64 of a function, for bpf_loop and the like) are not supported");

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
                if (NOT_YET_SUPPORTED.containsKey(object)) {
                    refused.add(lp.name() + " was accepted but needs an unsupported feature");
                }
            } catch (VerificationException e) {
                if (!e.reason().equals(NOT_YET_SUPPORTED.get(object))) {
                    refused.add(lp.name() + " [" + lp.section() + "]: " + e.getMessage() + "\n" + e.log());
                }
            }
        }
        assertTrue(refused.isEmpty(), () -> String.join("\n\n", refused));
    }
}
