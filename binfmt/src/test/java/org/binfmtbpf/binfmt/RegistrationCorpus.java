package org.binfmtbpf.binfmt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Registration lines for tests: the qemu lines, the hand-written edge cases, generated and mutated lines. */
public final class RegistrationCorpus {
    private RegistrationCorpus() {}

    /** A named registration line. */
    public record Line(String label, byte[] bytes) {
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The shared data directory: the system property binfmtbpf.shared set by the build, else
     * the first {@code shared} directory beside the working directory or one of its parents
     * (a worktree lives deeper than the main checkout).
     */
    public static Path sharedDir() {
        String dir = System.getProperty("binfmtbpf.shared");
        if (dir != null && Files.isDirectory(Path.of(dir, "data"))) {
            return Path.of(dir);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data"))) {
                return p.resolve("shared");
            }
        }
        return null;
    }

    /** The 29 qemu-user-static registrations, one per architecture, sorted by file name. */
    public static List<Line> qemu() {
        Path dir = sharedDir() == null ? null : sharedDir().resolve("data/qemu-binfmt.d");
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalStateException("qemu-binfmt.d not found: run through Maven (binfmtbpf.shared=" + sharedDir() + ")");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Line> lines = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                lines.add(new Line(f.getFileName().toString(), stripNewline(bytes)));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] stripNewline(byte[] bytes) {
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == '\n') {
            n--;
        }
        return Arrays.copyOf(bytes, n);
    }

    /** src/test/resources/registrations/edge-cases.data: one line each, %HH a raw byte. */
    public static List<Line> edgeCases() {
        List<Line> out = new ArrayList<>();
        try (InputStream in = RegistrationCorpus.class.getResourceAsStream("/registrations/edge-cases.data")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int n = 0;
            for (String line : text.split("\n")) {
                n++;
                if (line.isEmpty() || line.startsWith("# ")) {
                    continue;
                }
                out.add(new Line("edge-cases.data:" + n, decodePercent(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static byte[] decodePercent(String line) {
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '%' && i + 1 < utf8.length && utf8[i + 1] == '%') {
                out.write('%');
                i++;
            } else if (utf8[i] == '%' && i + 2 < utf8.length) {
                out.write(Integer.parseInt(new String(utf8, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(utf8[i]);
            }
        }
        return out.toByteArray();
    }

    /** Lines at the edges of the length limits: names of 255 and 256 bytes, lines of 1920 and 1921 bytes, magic of 256 and 257 bytes. */
    public static List<Line> lengths() {
        List<Line> out = new ArrayList<>();
        out.add(new Line("name of 255 bytes", ascii(":" + "n".repeat(255) + ":E::xx::/bin/sh:")));
        out.add(new Line("name of 256 bytes", ascii(":" + "n".repeat(256) + ":E::xx::/bin/sh:")));
        out.add(new Line("name of 1000 bytes", ascii(":" + "n".repeat(1000) + ":E::xx::/bin/sh:")));
        String base = ":t:E::xx::/";
        out.add(new Line("line of 1920 bytes", ascii(base + "i".repeat(1920 - base.length() - 1) + ":")));
        out.add(new Line("line of 1921 bytes", ascii(base + "i".repeat(1921 - base.length() - 1) + ":")));
        out.add(new Line("line of 10 bytes", ascii(":t:E::x::/")));
        out.add(new Line("magic of 256 bytes", ascii(":t:M::" + "\\x41".repeat(256) + "::/bin/sh:")));
        out.add(new Line("magic of 257 bytes", ascii(":t:M::" + "\\x41".repeat(257) + "::/bin/sh:")));
        out.add(new Line("magic of 256 bytes at offset 1", ascii(":t:M:1:" + "\\x41".repeat(256) + "::/bin/sh:")));
        out.add(new Line("magic and mask of 200 bytes", ascii(":t:M:56:" + "\\x41".repeat(200) + ":" + "\\xdf".repeat(200) + ":/bin/sh:")));
        out.add(new Line("raw magic of 256 bytes", ascii(":t:M::" + "A".repeat(256) + "::/bin/sh:")));
        return out;
    }

    private static final byte[] ALPHABET = ascii(":\\x0fFPOCME/.\n #|-+9a");

    /** {@code count} lines made from {@code seeds} by one to three random byte-level mutations. */
    public static List<Line> mutations(List<Line> seeds, int count, long seed) {
        Random random = new Random(seed);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Line from = seeds.get(random.nextInt(seeds.size()));
            byte[] b = from.bytes().clone();
            int edits = 1 + random.nextInt(3);
            StringBuilder label = new StringBuilder("mutation " + i + " of " + from.label() + ":");
            for (int e = 0; e < edits && b.length > 1; e++) {
                int at = 1 + random.nextInt(b.length - 1);
                byte c = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
                switch (random.nextInt(4)) {
                    case 0 -> { b = delete(b, at); label.append(" delete@").append(at); }
                    case 1 -> { b = insert(b, at, c); label.append(" insert@").append(at); }
                    case 2 -> { b[at] = c; label.append(" replace@").append(at); }
                    default -> { b = Arrays.copyOf(b, at); label.append(" truncate@").append(at); }
                }
            }
            out.add(new Line(label.toString(), b));
        }
        return out;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte c) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = c;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
