package org.binfmtbpf.asm;

import java.math.BigInteger;

/**
 * A cursor over one line of assembly source that knows its line number and column, so every
 * error points at the character that caused it.
 */
final class LineScanner {
    private final String text;
    private final int line;
    private int pos;

    LineScanner(String text, int line) {
        this.text = text;
        this.line = line;
    }

    int line() { return line; }

    /** 1-based column of the next character. */
    int column() { return pos + 1; }

    int position() { return pos; }

    void reset(int position) { pos = position; }

    String text() { return text; }

    void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= text.length();
    }

    /** The next non-space character, or 0 at the end. */
    char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    boolean lookingAt(String s) {
        skipSpaces();
        return text.startsWith(s, pos);
    }

    boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    boolean tryWord(String word) {
        int save = pos;
        if (lookingAt(word)) {
            int end = pos + word.length();
            if (end >= text.length() || !isWordChar(text.charAt(end))) {
                pos = end;
                return true;
            }
        }
        pos = save;
        return false;
    }

    void expect(char c, String what) {
        if (!tryChar(c)) {
            throw error("expected " + what + " '" + c + "'" + found());
        }
    }

    void expect(String s) {
        if (!lookingAt(s)) {
            throw error("expected '" + s + "'" + found());
        }
        pos += s.length();
    }

    /** Letters, digits, '_' and '.'; empty if the next character starts no word. */
    String word() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) pos++;
        return text.substring(start, pos);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    /** A decimal or 0x-hex number with an optional leading sign. */
    Literal number() {
        skipSpaces();
        int start = pos;
        boolean negative = false;
        if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
            negative = text.charAt(pos) == '-';
            pos++;
        }
        boolean hex = text.startsWith("0x", pos) || text.startsWith("0X", pos);
        if (hex) pos += 2;
        int digits = pos;
        while (pos < text.length() && Character.digit(text.charAt(pos), hex ? 16 : 10) >= 0) pos++;
        if (pos == digits || (pos < text.length() && isWordChar(text.charAt(pos)))) {
            pos = start;
            throw error("expected a number" + found());
        }
        BigInteger magnitude = new BigInteger(text.substring(digits, pos), hex ? 16 : 10);
        return new Literal(negative ? magnitude.negate() : magnitude, hex, negative, start + 1);
    }

    boolean startsNumber() {
        char c = peek();
        return Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < text.length()
                && Character.isDigit(text.charAt(pos + 1)));
    }

    /** Describes what is at the cursor, for "expected X, found Y" messages. */
    String found() {
        skipSpaces();
        if (pos >= text.length()) return ", found the end of the line";
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - pos < 20) end++;
        return ", found '" + text.substring(pos, end) + "'";
    }

    AssemblyException error(String reason) {
        skipSpaces();
        return new AssemblyException(line, column(), reason);
    }

    AssemblyException errorAt(int column, String reason) {
        return new AssemblyException(line, column, reason);
    }
}
