package org.binfmtbpf.binfmt.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Registration lines to start from: the hand-written edge cases (edge-cases.data, bundled),
 * lines at the length limits, and the lines of binfmt.d files such as qemu-user-static's.
 */
public final class RegistrationSeeds {
    /** Where systemd-binfmt reads registrations; qemu-user-static installs its lines here. */
    public static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/lib/binfmt.d"), Path.of("/etc/binfmt.d"));

    private RegistrationSeeds() {}

    /** edge-cases.data: one line each in {@link PercentText}; "# " starts a comment. */
    public static List<RegistrationLine> edgeCases() {
        List<RegistrationLine> out = new ArrayList<>();
        try (InputStream in = RegistrationSeeds.class.getResourceAsStream("edge-cases.data")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int n = 0;
            for (String line : text.split("\n")) {
                n++;
                if (!line.isEmpty() && !line.startsWith("# ")) {
                    out.add(new RegistrationLine("edge-cases.data:" + n, PercentText.decode(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Lines at the edges of the length limits: names of 255 and 256 bytes, lines of 1920 and 1921 bytes, magic of 256 and 257 bytes. */
    public static List<RegistrationLine> lengths() {
        List<RegistrationLine> out = new ArrayList<>();
        out.add(line("name of 255 bytes", ":" + "n".repeat(255) + ":E::xx::/bin/sh:"));
        out.add(line("name of 256 bytes", ":" + "n".repeat(256) + ":E::xx::/bin/sh:"));
        out.add(line("name of 1000 bytes", ":" + "n".repeat(1000) + ":E::xx::/bin/sh:"));
        String base = ":t:E::xx::/";
        out.add(line("line of 1920 bytes", base + "i".repeat(1920 - base.length() - 1) + ":"));
        out.add(line("line of 1921 bytes", base + "i".repeat(1921 - base.length() - 1) + ":"));
        out.add(line("line of 10 bytes", ":t:E::x::/"));
        out.add(line("magic of 256 bytes", ":t:M::" + "\\x41".repeat(256) + "::/bin/sh:"));
        out.add(line("magic of 257 bytes", ":t:M::" + "\\x41".repeat(257) + "::/bin/sh:"));
        out.add(line("magic of 256 bytes at offset 1", ":t:M:1:" + "\\x41".repeat(256) + "::/bin/sh:"));
        out.add(line("magic and mask of 200 bytes", ":t:M:56:" + "\\x41".repeat(200) + ":" + "\\xdf".repeat(200) + ":/bin/sh:"));
        out.add(line("raw magic of 256 bytes", ":t:M::" + "A".repeat(256) + "::/bin/sh:"));
        return out;
    }

    private static RegistrationLine line(String label, String text) {
        return new RegistrationLine(label, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The registrations of a binfmt.d file (systemd's format: one per line, '#' and ';' start
     * comments) or of every {@code *.conf} file of a directory, sorted by file name.
     */
    public static List<RegistrationLine> fromPath(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    List<RegistrationLine> out = new ArrayList<>();
                    for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                        out.addAll(fromPath(f));
                    }
                    return out;
                }
            }
            List<RegistrationLine> out = new ArrayList<>();
            String name = path.getFileName().toString();
            int n = 0;
            for (String line : new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1).split("\n")) {
                n++;
                if (!line.isEmpty() && line.charAt(0) != '#' && line.charAt(0) != ';') {
                    out.add(new RegistrationLine(n == 1 ? name : name + ":" + n, line.getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registrations from " + path, e);
        }
    }

    /** The lines of this machine's binfmt.d directories (none when there are none). */
    public static List<RegistrationLine> system() {
        List<RegistrationLine> out = new ArrayList<>();
        for (Path dir : SYSTEM_DIRS) {
            if (Files.isDirectory(dir)) {
                out.addAll(fromPath(dir));
            }
        }
        return out;
    }
}
