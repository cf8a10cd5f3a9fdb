package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sequences of writes and reads (src/test/resources/registrations/scenarios.data) give the
 * same answers from the kernel and from the model: duplicate names, the order of checks,
 * enabling, disabling and removing entries and the whole instance.
 */
class KernelScenarioTest {

    @BeforeAll
    static void needsKernel() {
        assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
    }

    record Step(int line, String op, String file, byte[] data) {}

    @Test
    void everyStepAnswersAsTheKernelDoes() throws Exception {
        List<Step> steps = steps();
        KernelBinfmt kernel = new KernelBinfmt();
        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        List<String> modelAnswers = new ArrayList<>();
        for (Step s : steps) {
            if (s.op().equals("reset")) {
                kernel.write("status", Latin1.bytes("-1")).write("status", Latin1.bytes("1"));
                model.writeStatus(Latin1.bytes("-1"));
                model.writeStatus(Latin1.bytes("1"));
                modelAnswers.add("OK");
                modelAnswers.add("OK");
            } else if (s.op().equals("read")) {
                kernel.read(s.file());
                modelAnswers.add(ModelFiles.read(model, s.file()));
            } else {
                kernel.write(s.file(), s.data());
                modelAnswers.add(ModelFiles.write(model, s.file(), s.data()));
            }
        }
        List<KernelBinfmt.Answer> answers = kernel.run();
        List<String> disagreements = new ArrayList<>();
        int a = 0;
        for (Step s : steps) {
            int n = s.op().equals("reset") ? 2 : 1;
            for (int i = 0; i < n; i++, a++) {
                String k = answers.get(a).toString();
                if (!k.equals(modelAnswers.get(a))) {
                    disagreements.add("scenarios.data:" + s.line() + ": kernel " + k.replace("\n", "|") + ", model "
                            + modelAnswers.get(a).replace("\n", "|"));
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    private static List<Step> steps() throws Exception {
        List<Step> steps = new ArrayList<>();
        try (InputStream in = KernelScenarioTest.class.getResourceAsStream("/registrations/scenarios.data")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                byte[] data = parts.length > 2 ? org.binfmtbpf.binfmt.fuzz.PercentText.decode(parts[2]) : new byte[0];
                steps.add(new Step(i + 1, parts[0], parts.length > 1 ? parts[1] : null, data));
            }
        }
        return steps;
    }
}
