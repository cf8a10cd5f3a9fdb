package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.binfmt.fuzz.PercentText;
import org.binfmtbpf.binfmt.fuzz.RegistrationAnswers;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.Test;

/**
 * Lines the registration fuzzer ({@code fuzz --target registration}) found, in
 * src/test/resources/registrations/regress/*.data: {@code LINE<TAB>ANSWER} in PercentText, the
 * answer being the kernel's ({@code ?} when it was not asked). Our model must answer the same
 * and keep its one-line refusals; where the kernel can be asked, it must still answer so.
 */
class RegistrationRegressionTest {
    record Case(String where, byte[] line, String expected) {}

    static List<Case> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(RegistrationRegressionTest.class.getResource("/registrations/regress").toURI());
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".data")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int n = 0; n < lines.size(); n++) {
                    String l = lines.get(n);
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        String[] parts = l.split("\t", -1);
                        assertEquals(2, parts.length, f.getFileName() + ":" + (n + 1) + ": LINE<TAB>ANSWER");
                        out.add(new Case(f.getFileName() + ":" + (n + 1), PercentText.decode(parts[0]),
                                parts[1].equals("?") ? null : new String(PercentText.decode(parts[1]), StandardCharsets.ISO_8859_1)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void modelAnswersAsTheKernelDidWithOneLineRefusals() throws Exception {
        List<Case> cases = cases();
        assertFalse(cases.isEmpty(), "no regression lines in registrations/regress");
        List<String> model = RegistrationAnswers.model(cases.stream().map(Case::line).toList());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertFalse(model.get(i).startsWith(RegistrationAnswers.BROKEN), c.where() + ": " + model.get(i));
            if (c.expected() != null) {
                assertEquals(c.expected(), model.get(i), c.where());
            }
        }
    }

    @Test
    void kernelStillAnswersWhatWasRecorded() throws Exception {
        assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
        List<Case> cases = cases().stream().filter(c -> c.expected() != null).toList();
        assertTrue(cases.size() > 0, "no recorded kernel answers");
        List<String> kernel = RegistrationAnswers.kernel(cases.stream().map(Case::line).toList());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(cases.get(i).expected(), kernel.get(i), cases.get(i).where());
        }
    }
}
