package org.binfmtbpf.binfmt.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.binfmtbpf.fuzz.InputResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registration mutator and target, without the kernel (KernelAgreementTest and the CLI test use it). */
class RegistrationFuzzTest {
    @TempDir Path dir;

    private static final List<RegistrationLine> SEEDS = RegistrationSeeds.edgeCases();

    @Test
    void mutationIOfSeedSIsMutationZeroOfSeedSPlusI() {
        List<RegistrationLine> run = RegistrationMutator.mutations(SEEDS, 50, 9);
        RegistrationMutator.Mutant alone = RegistrationMutator.mutate(SEEDS, 9 + 31, 0);
        assertArrayEquals(run.get(31).bytes(), alone.bytes());
        assertEquals("mutation 31 of " + alone.from().label() + ": " + alone.how(), run.get(31).label());
        assertTrue(alone.how().matches("(delete|insert|replace|truncate)@\\d+( (delete|insert|replace|truncate)@\\d+){0,2}"), alone.how());
    }

    @Test
    void percentTextRoundTripsEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = PercentText.encode(all);
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), text);
        assertArrayEquals(all, PercentText.decode(text));
        assertEquals(":a%0ab:E::%%x::/bin/sh:", PercentText.encode(":a\nb:E::%x::/bin/sh:".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void withoutTheKernelTheParserKeepsItsOneLineRule() {
        List<InputResult> results = new RegistrationTarget(SEEDS, false).run(1, 0, 2000);
        assertEquals(2000, results.size());
        assertTrue(results.stream().noneMatch(r -> r.verdict() == InputResult.Verdict.WRONG),
                results.stream().filter(r -> r.verdict() == InputResult.Verdict.WRONG).findFirst().map(Object::toString).orElse(""));
        assertTrue(results.stream().anyMatch(r -> r.verdict() == InputResult.Verdict.ACCEPTED));
        assertTrue(results.stream().anyMatch(r -> r.verdict() == InputResult.Verdict.REFUSED));
    }

    @Test
    void aDisagreementIsWrittenAsALineAndTheKernelsAnswer() throws Exception {
        InputResult wrong = new InputResult(4, 10, "edge-cases.data:9", "insert@3", ":a\nb:E::x::/:".getBytes(StandardCharsets.ISO_8859_1),
                InputResult.Verdict.WRONG, "kernel OK|enabled, model EINVAL", "OK\nenabled\n");
        Path file = new RegistrationTarget(SEEDS, false).writeRegression(dir, wrong);
        assertEquals("fuzz-10.data", file.getFileName().toString());
        assertEquals(List.of("# Found by `binfmt-bpf fuzz --target registration --seed 10 --count 1`: edge-cases.data:9, insert@3",
                "# kernel OK|enabled, model EINVAL", ":a%0ab:E::x::/:\tOK%0aenabled%0a"), Files.readAllLines(file));
    }

    @Test
    void binfmtDFilesGiveOneLinePerRegistrationWithoutComments() throws Exception {
        Path conf = Files.writeString(dir.resolve("x.conf"), "# comment\n:a:E::x::/bin/a:\n; also a comment\n\n:b:E::y::/bin/b:\n");
        List<RegistrationLine> lines = RegistrationSeeds.fromPath(dir);
        assertEquals(List.of("x.conf:2", "x.conf:5"), lines.stream().map(RegistrationLine::label).toList());
        assertEquals(":b:E::y::/bin/b:", new String(lines.get(1).bytes(), StandardCharsets.ISO_8859_1));
        assertEquals(lines.size(), RegistrationSeeds.fromPath(conf).size());
    }
}
