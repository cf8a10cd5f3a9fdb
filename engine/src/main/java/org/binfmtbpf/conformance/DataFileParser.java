package org.binfmtbpf.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Invocation;

/**
 * Reads the bpf_conformance {@code .data} format: {@code #} comment lines, and sections
 * started by {@code -- NAME} lines. Sections this project reads: {@code asm}, {@code raw},
 * {@code mem}, {@code result}, {@code error}, and two one-line directives of its own,
 * {@code -- type NAME} and {@code -- budget N}. Other sections ({@code -- c},
 * {@code -- no register offset}) are notes for other runners and are skipped.
 */
public final class DataFileParser {
    private DataFileParser() {}

    public static DataFile parse(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static DataFile parse(String name, String text) {
        return new DataFileParser.State(name).read(text);
    }

    private static final class State {
        private final String name;
        private String section;
        private StringBuilder asm;
        private List<Long> raw;
        private ByteArrayOutputStream mem;
        private Long result;
        private StringBuilder error;
        private ProgramType type;
        private long budget = Invocation.UNLIMITED;

        State(String name) {
            this.name = name;
        }

        DataFile read(String text) {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                line(i + 1, lines[i]);
            }
            try {
                return new DataFile(name, asm == null ? null : asm.toString(), raw == null ? null : toArray(raw),
                        mem == null ? null : mem.toByteArray(), result, error == null ? null : error.toString().trim(),
                        type, budget);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(name, lines.length, e.getMessage().substring(name.length() + 2));
            }
        }

        private void line(int number, String line) {
            String trimmed = line.trim();
            if (trimmed.startsWith("-- ")) {
                directive(number, trimmed.substring(3).trim());
                return;
            }
            boolean comment = trimmed.startsWith("#");
            if ("asm".equals(section)) {
                asm.append(comment ? "" : line).append('\n');
                return;
            }
            if (section == null || comment || trimmed.isEmpty()) {
                return;
            }
            switch (section) {
                case "raw" -> raw.add(hexLong(number, trimmed));
                case "mem" -> memory(number, trimmed);
                case "result" -> {
                    if (result != null) {
                        throw new DataFormatException(name, number, "-- result takes one value");
                    }
                    result = hexLong(number, trimmed);
                }
                case "error" -> error.append(trimmed).append('\n');
                default -> { } // a note for other runners
            }
        }

        private void directive(int number, String directive) {
            String word = directive.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String argument = directive.substring(word.length()).trim();
            section = null;
            switch (word) {
                case "asm" -> asm = new StringBuilder("\n".repeat(number)); // assembler line k = file line k
                case "raw" -> raw = new ArrayList<>();
                case "mem" -> mem = new ByteArrayOutputStream();
                case "error" -> error = new StringBuilder();
                case "result" -> { }
                case "type" -> {
                    type = programType(number, argument);
                    return;
                }
                case "budget" -> {
                    budget = budget(number, argument);
                    return;
                }
                default -> {
                    section = directive; // skipped
                    return;
                }
            }
            if (!argument.isEmpty()) {
                throw new DataFormatException(name, number, "-- " + word + " takes no argument on its line");
            }
            section = word;
        }

        private void memory(int number, String line) {
            for (String token : line.split("\\s+")) {
                if (!token.matches("[0-9a-fA-F]{2}")) {
                    throw new DataFormatException(name, number, "-- mem: '" + token + "' is not a hex byte");
                }
                mem.write(Integer.parseInt(token, 16));
            }
        }

        private long hexLong(int number, String token) {
            String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
            try {
                return Long.parseUnsignedLong(digits, 16);
            } catch (NumberFormatException e) {
                throw new DataFormatException(name, number, "-- " + section + ": '" + token + "' is not a 64-bit hex value");
            }
        }

        private ProgramType programType(int number, String argument) {
            for (ProgramType t : ProgramType.values()) {
                if (t.sectionName().equals(argument)) {
                    return t;
                }
            }
            throw new DataFormatException(name, number, "-- type: unknown program type '" + argument
                    + "' (socket, binfmt, syscall or raw)");
        }

        private long budget(int number, String argument) {
            try {
                long n = Long.parseLong(argument);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new DataFormatException(name, number, "-- budget: '" + argument + "' is not a positive instruction count");
        }

        private static long[] toArray(List<Long> values) {
            long[] out = new long[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }
}
