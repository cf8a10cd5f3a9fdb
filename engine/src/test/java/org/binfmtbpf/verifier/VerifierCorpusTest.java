package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data-driven corpora: every program under {@code verifier/reject} must be refused with
 * the reason its {@code # expect:} line names, every program under {@code verifier/accept}
 * must be accepted.
 */
class VerifierCorpusTest {

    static Stream<Path> files(String dir) throws IOException, URISyntaxException {
        return files(dir, ".asm");
    }

    static Stream<Path> files(String dir, String suffix) throws IOException, URISyntaxException {
        Path root = Path.of(VerifierCorpusTest.class.getResource("/verifier/" + dir).toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList().stream();
        }
    }

    static Stream<Path> rejected() throws Exception {
        return files("reject");
    }

    static Stream<Path> accepted() throws Exception {
        return files("accept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void refusesWithTheExpectedReason(Path file) {
        AsmProgram p = AsmProgram.load(file);
        assertNotNull(p.expect(), file + " has no '# expect:' line");
        assertFalse(p.why().isEmpty(), file + " has no '# why:' line");
        VerificationException e = assertThrows(VerificationException.class, () -> Verifier.verify(p.program()),
                () -> file.getFileName() + " was accepted, but: " + p.why());
        assertTrue(e.reason().contains(p.expect()),
                () -> file.getFileName() + ": expected a reason containing\n  " + p.expect() + "\nbut got\n  " + e.getMessage()
                        + "\n" + e.log());
        assertTrue(e.getMessage().startsWith("insn " + e.pc() + ": "), e.getMessage());
        if (p.expectInsn() != null) {
            assertEquals(p.expectInsn(), e.pc(), () -> file.getFileName() + " refused at the wrong instruction: " + e.getMessage());
        }
        assertTrue(e.log().contains(e.reason()), "the log ends with the reason");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(Path file) throws Exception {
        AsmProgram p = AsmProgram.load(file);
        assertFalse(p.why().isEmpty(), file + " has no '# why:' line");
        try {
            VerifierResult r = Verifier.verify(p.program());
            assertTrue(r.stats().processedInsns() > 0);
        } catch (VerificationException e) {
            throw new AssertionError(file.getFileName() + " refused: " + e.getMessage() + "\n" + e.log(), e);
        }
    }

    @Test
    void theRejectionCorpusCoversAtLeastFortyPrograms() throws Exception {
        List<Path> all = rejected().toList();
        assertTrue(all.size() >= 40, "only " + all.size() + " rejection programs");
    }
}
