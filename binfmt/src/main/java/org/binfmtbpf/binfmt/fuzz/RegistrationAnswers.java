package org.binfmtbpf.binfmt.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.ExecutableFiles;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;

/**
 * What binfmt_misc answers to a registration line, from our model and from the kernel, in one
 * comparable form: {@code "OK\n"} plus the entry file's text when the line registers, else the
 * errno's name. Each line is registered, its entry read, and every entry removed
 * ({@code -1 > status}) before the next, in one instance for a whole batch.
 */
public final class RegistrationAnswers {
    /** The model's answer when it breaks its own rule (an exception other than its one-line refusal). */
    public static final String BROKEN = "BROKEN ";

    private RegistrationAnswers() {}

    /** Our model's answers (stock Linux: no 'B'), one per line. */
    public static List<String> model(List<byte[]> lines) {
        BinfmtMisc model = BinfmtMisc.stockLinux(ExecutableFiles.HOST);
        List<String> out = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            out.add(model(model, line));
        }
        return out;
    }

    private static String model(BinfmtMisc model, byte[] line) {
        try {
            String answer;
            try {
                Entry entry = model.register(line);
                String status = model.readEntry(entry.name());
                answer = "OK\n" + (entryName(line).equals(entry.name()) ? status : "");
            } catch (RegistrationException e) {
                String m = e.getMessage();
                answer = m.contains("\n") || m.contains("\r") ? BROKEN + "multi-line refusal: " + oneLine(m) : e.errno().name();
            }
            model.writeStatus(Latin1.bytes("-1"));
            return answer;
        } catch (RuntimeException | StackOverflowError e) { // the rule under test: only RegistrationException may escape
            model.writeStatus(Latin1.bytes("-1"));
            return BROKEN + "threw " + oneLine(e.toString());
        }
    }

    /** The kernel's answers, all lines in one private binfmt_misc instance (see {@link KernelBinfmt}). */
    public static List<String> kernel(List<byte[]> lines) throws IOException, InterruptedException {
        KernelBinfmt kernel = new KernelBinfmt();
        for (byte[] line : lines) {
            kernel.write("register", line).read(entryName(line)).write("status", Latin1.bytes("-1"));
        }
        List<KernelBinfmt.Answer> answers = kernel.run();
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            KernelBinfmt.Answer registered = answers.get(3 * i);
            KernelBinfmt.Answer status = answers.get(3 * i + 1);
            out.add(registered.ok() ? "OK\n" + status.text() : registered.errno());
        }
        return out;
    }

    /**
     * The entry file to read after registering {@code line}: the bytes between the first
     * delimiter and the next (a NUL stops it, as in the kernel). A name the kernel cannot
     * have, or one that is not UTF-8 (Java cannot open it by name), reads a missing file
     * instead, so no entry text is compared for that line.
     */
    public static String entryName(byte[] line) {
        if (line.length == 0) {
            return "";
        }
        int end = 1;
        while (end < line.length && line[end] != line[0] && line[end] != 0) {
            end++;
        }
        String name = Latin1.of(Arrays.copyOfRange(line, 1, end));
        boolean readable = !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/")
                && name.length() <= BinfmtMisc.NAME_MAX && isUtf8(Latin1.bytes(name));
        return readable ? name : "no-such-entry";
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** An answer on one line: newlines as '|'. */
    public static String oneLine(String answer) {
        return answer.replace("\r", "\\r").replace("\n", "|");
    }
}
