package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.kernel.KernelBpfException;
import org.binfmtbpf.kernel.KernelRunner;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Accept or refuse, the kernel's verifier and ours agree on every corpus program (assembly
 * corpora and the C corpus), except the differences listed with their reason in
 * {@code verifier/kernel-differences.txt} and explained in docs/VERIFIER.md. The list is
 * checked both ways, so it cannot go stale.
 */
class KernelAgreementTest {

    private static Map<String, String> listedDifferences() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = KernelAgreementTest.class.getResourceAsStream("/verifier/kernel-differences.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    int colon = t.lastIndexOf(": ");
                    out.put(t.substring(0, colon), t.substring(colon + 2));
                }
            }
        }
        return out;
    }

    private static Map<String, Program> programs() throws Exception {
        Map<String, Program> out = new LinkedHashMap<>();
        for (String dir : List.of("accept", "reject")) {
            for (Path f : VerifierCorpusTest.files(dir).toList()) {
                Program p = AsmProgram.load(f).program();
                if (p.type() != ProgramType.RAW) {
                    out.put(dir + "/" + f.getFileName(), p);
                }
            }
        }
        for (String o : Corpus.objects()) {
            for (LoadedProgram lp : CCorpusVerificationTest.load(o).programs()) {
                out.put(o + ":" + lp.name(), lp.program());
            }
        }
        return out;
    }

    @Test
    void acceptsAndRefusesWhatTheKernelDoesExceptTheListedDifferences() throws Exception {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "the kernel's bpf(2) is not usable here: " + KernelBpf.unavailableReason());
        Map<String, String> listed = listedDifferences();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Program> e : programs().entrySet()) {
            String name = e.getKey();
            String ours = ours(e.getValue());
            String kernel = kernel(e.getValue());
            boolean differs = ours.equals("accept") != kernel.equals("accept");
            if (differs && !listed.containsKey(name)) {
                problems.add(name + ": ours " + ours + ", kernel " + kernel + " (not listed)");
            } else if (!differs && listed.containsKey(name)) {
                problems.add(name + ": listed as '" + listed.get(name) + "' but both " + (ours.equals("accept") ? "accept" : "refuse"));
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static String ours(Program p) {
        try {
            Verifier.verify(p, VerifierOptions.defaults().withLogLevel(0));
            return "accept";
        } catch (VerificationException e) {
            return "refuse (" + e.reason() + ")";
        }
    }

    private static String kernel(Program p) {
        try (KernelRunner r = KernelRunner.load(p)) {
            return "accept";
        } catch (KernelBpfException e) {
            String[] lines = e.getMessage().split("\n");
            return "refuse (" + lines[Math.max(0, lines.length - 2)] + ")";
        }
    }
}
