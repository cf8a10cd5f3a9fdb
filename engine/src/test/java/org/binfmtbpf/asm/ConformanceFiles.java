package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.binfmtbpf.conformance.SharedData;

/**
 * Test access to the bpf_conformance data in the shared data (never copied into the repo):
 * found by {@link SharedData} or through the environment variable {@code BPF_CONFORMANCE_DIR}.
 * Reads only the sections this package needs; the full {@code .data} parser belongs to the
 * interpreter's tests.
 */
final class ConformanceFiles {
    private ConformanceFiles() {}

    static Path suiteDir() {
        Optional<Path> shared = SharedData.find("bpf-conformance");
        if (shared.isPresent()) {
            return shared.get();
        }
        String env = System.getenv("BPF_CONFORMANCE_DIR");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        assumeTrue(false, SharedData.absent("bpf-conformance") + "; or set BPF_CONFORMANCE_DIR");
        return null;
    }

    static List<Path> dataFiles(String subdir) {
        try (Stream<Path> files = Files.list(suiteDir().resolve(subdir))) {
            return files.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sections of a {@code .data} file by name ({@code asm}, {@code raw}, ...). Lines before
     * the first section and {@code #} comment lines outside {@code asm} are dropped; inside
     * {@code asm} the text is kept verbatim (the assembler handles comments itself).
     */
    static Map<String, String> sections(Path file) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("-- ")) {
                    if (current != null) sections.put(current, body.toString());
                    current = line.substring(3).trim();
                    body.setLength(0);
                } else if (current != null && (current.equals("asm") || !line.startsWith("#"))) {
                    body.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current != null) sections.put(current, body.toString());
        return sections;
    }

    /** Decodes a {@code -- raw} section: whitespace-separated hex bytes (or 16-digit words). */
    static byte[] rawBytes(String raw) {
        String hex = raw.replaceAll("#.*", "").replaceAll("\\s+", " ").trim();
        String[] tokens = hex.isEmpty() ? new String[0] : hex.split(" ");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String t : tokens) {
            if (t.length() == 2) {
                out.write(Integer.parseInt(t, 16));
            } else {
                long word = Long.parseUnsignedLong(t.replaceFirst("^0x", ""), 16);
                for (int i = 0; i < 8; i++) out.write((int) (word >>> (8 * i)));
            }
        }
        return out.toByteArray();
    }
}
