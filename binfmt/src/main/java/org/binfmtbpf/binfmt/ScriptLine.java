package org.binfmtbpf.binfmt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * binfmt_script's reading of a {@code #!} line in the first 256 bytes: the interpreter and at
 * most one argument (everything after the interpreter's name, trailing spaces and tabs cut).
 * A line that does not end within the header is fine as long as the interpreter's name does
 * (the argument may be cut short; the interpreter can reread the script).
 *
 * @param interpreter the interpreter's path, a byte string
 * @param argument    the one optional argument, or null
 */
record ScriptLine(String interpreter, String argument) {
    /** Whether binfmt_script takes the file at all. */
    static boolean isScript(byte[] header) {
        return header.length >= 2 && header[0] == '#' && header[1] == '!';
    }

    /** The line of a file {@link #isScript} accepts, or null when it names no interpreter (ENOEXEC). */
    static ScriptLine read(byte[] header) {
        byte[] line = header.clone();
        int cut = newlineBeforeNul(line); // strnchr: a NUL ends the search
        if (cut < 0) {
            int name = skipBlanks(line, 2);
            if (name == line.length || indexOfTerminator(line, name) < 0) {
                return null; // only blanks, or an interpreter name the end of the header may have cut
            }
            cut = line.length - 1; // the kernel puts its terminator on the last byte
        }
        line[cut] = 0;
        for (int i = cut - 1; i > 0 && isBlank(line[i]); i--) {
            line[i] = 0;
        }
        int start = skipBlanks(line, 2);
        if (line[start] == 0) {
            return null;
        }
        int nameEnd = start;
        while (line[nameEnd] != 0 && !isBlank(line[nameEnd])) {
            nameEnd++;
        }
        int argStart = skipBlanks(line, nameEnd);
        String argument = line[argStart] != 0 ? cString(line, argStart) : null;
        return new ScriptLine(Latin1.of(Arrays.copyOfRange(line, start, nameEnd)), argument);
    }

    /** load_script's argv: the interpreter, the argument, the script's path, then argv[1..]. */
    List<String> argv(String path, List<String> argv) {
        List<String> out = new ArrayList<>();
        out.add(interpreter);
        if (argument != null) {
            out.add(argument);
        }
        out.add(path);
        if (argv.size() > 1) {
            out.addAll(argv.subList(1, argv.size()));
        }
        return out;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int skipBlanks(byte[] header, int from) {
        int i = from;
        while (i < header.length && isBlank(header[i])) {
            i++;
        }
        return i;
    }

    private static int indexOfTerminator(byte[] header, int from) {
        for (int i = from; i < header.length; i++) {
            if (isBlank(header[i]) || header[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int newlineBeforeNul(byte[] line) {
        for (int i = 0; i < line.length && line[i] != 0; i++) {
            if (line[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String cString(byte[] line, int from) {
        int end = from;
        while (line[end] != 0) {
            end++;
        }
        return Latin1.of(Arrays.copyOfRange(line, from, end));
    }
}
