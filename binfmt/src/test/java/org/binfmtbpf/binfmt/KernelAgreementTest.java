package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.RegistrationCorpus.Line;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model answers every write to binfmt_misc as this machine's kernel does: accepted or
 * refused with the same errno, and the same entry file text. Each batch runs in one private
 * binfmt_misc instance; the host's global instance is never touched.
 */
class KernelAgreementTest {

    @BeforeAll
    static void needsKernel() {
        assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
    }

    @Test
    void registrationsAreAcceptedRefusedAndShownAsByTheKernel() throws Exception {
        List<Line> lines = new ArrayList<>();
        lines.addAll(RegistrationCorpus.qemu());
        lines.addAll(RegistrationCorpus.edgeCases());
        lines.addAll(RegistrationCorpus.lengths());
        List<Line> seeds = new ArrayList<>(lines);
        lines.addAll(RegistrationCorpus.mutations(seeds, 2000, 6));
        assertTrue(lines.size() >= 200, "corpus has " + lines.size() + " lines");

        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        KernelBinfmt kernel = new KernelBinfmt();
        List<String> expectedByModel = new ArrayList<>();
        for (Line line : lines) {
            String name = nameOf(line.bytes());
            kernel.write("register", line.bytes()).read(name).write("status", Latin1.bytes("-1"));
            expectedByModel.add(modelAnswer(model, line.bytes(), name));
        }
        List<KernelBinfmt.Answer> answers = kernel.run();

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            KernelBinfmt.Answer registered = answers.get(3 * i);
            KernelBinfmt.Answer status = answers.get(3 * i + 1);
            String kernelAnswer = registered.ok() ? "OK\n" + status.text() : registered.errno();
            if (!kernelAnswer.equals(expectedByModel.get(i))) {
                disagreements.add(lines.get(i) + " [" + Latin1.of(lines.get(i).bytes()).replace("\n", "\\n")
                        + "]: kernel " + kernelAnswer.replace("\n", "|") + ", model " + expectedByModel.get(i).replace("\n", "|"));
            }
        }
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + lines.size() + " lines disagree");
    }

    /** What the model answers for register + read + remove, in the form the kernel's answers are compared in. */
    private static String modelAnswer(BinfmtMisc model, byte[] line, String name) {
        try {
            Entry entry = model.register(line);
            String status = model.readEntry(entry.name());
            model.writeStatus(Latin1.bytes("-1"));
            return "OK\n" + (name.equals(entry.name()) ? status : "");
        } catch (RegistrationException e) {
            return e.errno().name();
        }
    }

    /** The bytes between the first delimiter and the next one (a NUL stops it, as in the kernel). */
    static String nameOf(byte[] line) {
        if (line.length == 0) {
            return "";
        }
        int end = 1;
        while (end < line.length && line[end] != line[0] && line[end] != 0) {
            end++;
        }
        String name = Latin1.of(java.util.Arrays.copyOfRange(line, 1, end));
        // A name the kernel cannot have, or one that is not UTF-8 (Java cannot open it by name):
        // read a missing file instead, and compare no entry text for that line.
        boolean readable = !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/")
                && name.length() <= 255 && isUtf8(Latin1.bytes(name));
        return readable ? name : "no-such-entry";
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
