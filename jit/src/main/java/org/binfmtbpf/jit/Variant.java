package org.binfmtbpf.jit;

/**
 * One of the classes a program compiles to. {@link #RUN} is compiled when the program is
 * prepared; the others on first need: the counting one for runs with an instruction budget,
 * the ones with a movable main frame for a tail call made from a BPF-to-BPF callee, whose
 * target's frame lies below its caller's instead of at the stack top.
 *
 * @param counted         every instruction is counted against {@code Invocation.budget}
 * @param mainAtStackTop  the main function's r10 is the stack top, a constant (see {@link ClassContext#mainAtStackTop})
 */
record Variant(boolean counted, boolean mainAtStackTop) {
    static final Variant RUN = new Variant(false, true);
    /** All four, by {@link #index}: tail calls pick one per call without allocating. */
    private static final Variant[] ALL = {RUN, new Variant(true, true), new Variant(false, false), new Variant(true, false)};

    static Variant of(boolean counted, boolean mainAtStackTop) {
        return ALL[indexOf(counted, mainAtStackTop)];
    }

    /** 0..3, {@link #RUN} being 0. */
    int index() {
        return indexOf(counted, mainAtStackTop);
    }

    private static int indexOf(boolean counted, boolean mainAtStackTop) {
        return (counted ? 1 : 0) | (mainAtStackTop ? 0 : 2);
    }

    /** What the class name adds for this variant. */
    String suffix() {
        return (counted ? "_counted" : "") + (mainAtStackTop ? "" : "_movable");
    }
}
