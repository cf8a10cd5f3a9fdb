package org.binfmtbpf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A binfmt.d(5) file as systemd-binfmt reads it: each line is stripped of surrounding
 * whitespace (systemd's WHITESPACE: space, tab, CR, LF); empty lines and lines starting with {@code #} or {@code ;} are skipped; every
 * other line is one registration written to {@code register} as it stands.
 */
public final class BinfmtDFile {
    private BinfmtDFile() {}

    /** One registration line and where it came from, for error messages. */
    public record Line(Path file, int number, String text) {
        public String where() {
            return file + ":" + number;
        }
    }

    public static List<Line> read(Path file) throws IOException {
        // Latin-1 keeps every byte as one char: registration fields are byte strings.
        List<String> raw = new String(InputFiles.bytes(file), StandardCharsets.ISO_8859_1).lines().toList();
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String l = strip(raw.get(i));
            if (l.isEmpty() || l.charAt(0) == '#' || l.charAt(0) == ';') {
                continue;
            }
            out.add(new Line(file, i + 1, l));
        }
        return out;
    }

    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
