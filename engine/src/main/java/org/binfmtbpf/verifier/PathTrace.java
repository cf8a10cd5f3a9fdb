package org.binfmtbpf.verifier;

import java.util.ArrayDeque;
import java.util.Deque;

/** The instructions one path went through, newest first, shared between forks (for the level-1 log). */
record PathTrace(int pc, PathTrace previous) {
    /** The last {@code max} instructions, oldest first. */
    Deque<Integer> last(int max) {
        Deque<Integer> out = new ArrayDeque<>();
        for (PathTrace t = this; t != null && out.size() < max; t = t.previous) {
            out.addFirst(t.pc);
        }
        return out;
    }
}
