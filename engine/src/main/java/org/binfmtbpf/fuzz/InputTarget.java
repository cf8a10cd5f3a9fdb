package org.binfmtbpf.fuzz;

import java.nio.file.Path;
import java.util.List;

/** Something whose inputs are mutated and judged: ELF objects, registration lines. */
public interface InputTarget {
    String name();

    /** What the verdicts are checked against, in words (for the summary). */
    String oracle();

    /** Cases per {@link #run} call: the registration target checks a batch in one private binfmt_misc. */
    int batchSize();

    /** Runs cases {@code first .. first+count-1}; case i is made by {@code CaseRandom.of(seed, i)}. */
    List<InputResult> run(long seed, long first, int count);

    /** The input printed on one line for a reproducer. */
    String show(byte[] input);

    /** Writes a WRONG case where a regression test picks it up; returns the file written, or null. */
    Path writeRegression(Path dir, InputResult wrong);
}
