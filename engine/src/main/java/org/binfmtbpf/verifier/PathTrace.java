package org.binfmtbpf.verifier;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The instructions one path went through, newest first, shared between forks (for the level-1
 * log). Only the most recent ones matter, so a long path is cut back now and then: memory stays
 * bounded however long the path.
 */
record PathTrace(int pc, PathTrace previous, int length) {
    static final int KEEP = 200;

    PathTrace append(int next) {
        PathTrace t = new PathTrace(next, this, length + 1);
        return t.length > 2 * KEEP ? t.cut() : t;
    }

    static PathTrace start(int pc) {
        return new PathTrace(pc, null, 1);
    }

    private PathTrace cut() {
        PathTrace out = null;
        for (int pc : last(KEEP)) {
            out = out == null ? start(pc) : new PathTrace(pc, out, out.length + 1);
        }
        return out;
    }

    /** The last {@code max} instructions, oldest first. */
    Deque<Integer> last(int max) {
        Deque<Integer> out = new ArrayDeque<>();
        for (PathTrace t = this; t != null && out.size() < max; t = t.previous) {
            out.addFirst(t.pc);
        }
        return out;
    }
}
