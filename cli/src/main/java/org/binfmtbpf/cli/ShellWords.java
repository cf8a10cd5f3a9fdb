package org.binfmtbpf.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Shows argv as a shell would need it typed: plain words bare, anything else in single quotes. */
public final class ShellWords {
    private ShellWords() {}

    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(ShellWords::isPlain)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(int c) {
        return Character.isLetterOrDigit(c) || "/._-+=:,@%".indexOf(c) >= 0;
    }
}
