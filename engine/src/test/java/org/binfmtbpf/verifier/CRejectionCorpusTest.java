package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.helpers.StandardHelpers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C rejection corpus: programs clang-19 compiles without complaint but the verifier must
 * refuse. Each {@code .bpf.c} says why ({@code // why:}) and with what reason
 * ({@code // expect:}); the committed {@code .bpf.o} is what is verified (build.sh rebuilds it).
 */
class CRejectionCorpusTest {

    static Stream<Path> sources() throws Exception {
        return VerifierCorpusTest.files("reject-c", ".bpf.c");
    }

    private static String directive(String source, String key) {
        return source.lines().filter(l -> l.startsWith("// " + key + ":")).map(l -> l.substring(key.length() + 4).strip())
                .findFirst().orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void isRefusedForItsReason(Path source) throws IOException {
        String text = Files.readString(source);
        String expect = directive(text, "expect");
        assertNotNull(expect, source + " has no '// expect:' line");
        assertNotNull(directive(text, "why"), source + " has no '// why:' line");
        Path object = source.resolveSibling(source.getFileName().toString().replace(".bpf.c", ".bpf.o"));
        LoadedObject obj = ElfLoader.load(Files.readAllBytes(object), object.getFileName().toString(), StandardHelpers.registry());
        assertFalse(obj.programs().isEmpty());
        for (LoadedProgram lp : obj.programs()) {
            VerificationException e = assertThrows(VerificationException.class, () -> Verifier.verify(lp.program()),
                    () -> lp.name() + " was accepted");
            assertTrue(e.reason().contains(expect), () -> lp.name() + ": expected '" + expect + "', got " + e.getMessage() + "\n" + e.log());
            assertNotNull(e.source(), "clang's line info names the C line");
            assertTrue(e.getMessage().contains(".bpf.c:"), e.getMessage());
        }
    }
}
