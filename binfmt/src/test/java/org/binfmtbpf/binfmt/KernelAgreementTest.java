package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.fuzz.PercentText;
import org.binfmtbpf.binfmt.fuzz.RegistrationAnswers;
import org.binfmtbpf.binfmt.fuzz.RegistrationLine;
import org.binfmtbpf.binfmt.fuzz.RegistrationMutator;
import org.binfmtbpf.binfmt.fuzz.RegistrationSeeds;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model answers every write to binfmt_misc as this machine's kernel does: accepted or
 * refused with the same errno, and the same entry file text. Each batch runs in one private
 * binfmt_misc instance; the host's global instance is never touched. The mutated lines are
 * those of {@code binfmt-bpf fuzz --target registration --seed 6 --count 2000} on these seeds.
 */
class KernelAgreementTest {

    @BeforeAll
    static void needsKernel() {
        assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
    }

    @Test
    void registrationsAreAcceptedRefusedAndShownAsByTheKernel() throws Exception {
        List<RegistrationLine> lines = new ArrayList<>();
        lines.addAll(RegistrationCorpus.qemu());
        lines.addAll(RegistrationSeeds.edgeCases());
        lines.addAll(RegistrationSeeds.lengths());
        List<RegistrationLine> seeds = new ArrayList<>(lines);
        lines.addAll(RegistrationMutator.mutations(seeds, 2000, 6));
        assertTrue(lines.size() >= 200, "corpus has " + lines.size() + " lines");

        List<byte[]> bytes = lines.stream().map(RegistrationLine::bytes).toList();
        List<String> model = RegistrationAnswers.model(bytes);
        List<String> kernel = RegistrationAnswers.kernel(bytes);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!kernel.get(i).equals(model.get(i))) {
                disagreements.add(lines.get(i) + " [" + PercentText.encode(bytes.get(i)) + "]: kernel "
                        + RegistrationAnswers.oneLine(kernel.get(i)) + ", model " + RegistrationAnswers.oneLine(model.get(i)));
            }
        }
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + lines.size() + " lines disagree");
    }
}
