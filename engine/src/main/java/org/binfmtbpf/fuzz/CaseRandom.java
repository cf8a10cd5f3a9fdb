package org.binfmtbpf.fuzz;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The random source of input case {@code index} of a run with seed S: a function of S + index
 * alone, so {@code --seed S+i --count 1} makes case i again. The sum is scrambled first:
 * {@code new Random(n)} for consecutive n gives nearly the same first {@code nextInt(k)}.
 */
public final class CaseRandom {
    private CaseRandom() {}

    public static Random of(long seed, long index) {
        return new Random(new SplittableRandom(seed + index).nextLong());
    }
}
