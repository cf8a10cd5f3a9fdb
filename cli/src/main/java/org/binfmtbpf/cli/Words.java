package org.binfmtbpf.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * bpftool's positional keyword syntax ({@code pinned PATH}, {@code data_in FILE},
 * {@code repeat N}, {@code key 0x01 0x00}), read left to right. Each mistake is one line
 * naming the keyword expected and the word found; the error handler puts the command before it.
 */
public final class Words {
    private final List<String> words;
    private int next;

    public Words(List<String> words) {
        this.words = words == null ? List.of() : List.copyOf(words);
    }

    public boolean hasMore() {
        return next < words.size();
    }

    /** The next word without consuming it, or null at the end. */
    public String peek() {
        return hasMore() ? words.get(next) : null;
    }

    /** Consumes {@code keyword} when it is next; the keyword is optional. */
    public boolean accept(String keyword) {
        if (keyword.equals(peek())) {
            next++;
            return true;
        }
        return false;
    }

    /** Consumes {@code keyword}, which must be next. */
    public void expect(String keyword) {
        if (!accept(keyword)) {
            throw UserError.usage("expected '" + keyword + "'" + found());
        }
    }

    /** Consumes one operand, described as {@code what} in the error when it is missing. */
    public String operand(String what) {
        if (!hasMore()) {
            throw UserError.usage("missing " + what);
        }
        return words.get(next++);
    }

    /** Consumes one of {@code choices}. */
    public String choice(String what, String... choices) {
        String w = peek();
        for (String c : choices) {
            if (c.equals(w)) {
                next++;
                return c;
            }
        }
        throw UserError.usage("expected " + what + " (" + String.join("|", choices) + ")" + found());
    }

    /** Consumes a non-negative integer operand. */
    public int integer(String what) {
        String w = operand(what);
        try {
            int v = Integer.decode(w);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw UserError.usage(what + " must be a non-negative integer, got '" + w + "'");
        }
    }

    /** Consumes words up to (not including) the first of {@code stops}, or to the end. */
    public List<String> until(String... stops) {
        List<String> out = new ArrayList<>();
        while (hasMore() && !List.of(stops).contains(peek())) {
            out.add(words.get(next++));
        }
        return out;
    }

    /** Fails when words are left over. */
    public void end() {
        if (hasMore()) {
            throw UserError.usage("unexpected '" + peek() + "'");
        }
    }

    private String found() {
        return hasMore() ? ", got '" + peek() + "'" : " at the end of the command";
    }
}
