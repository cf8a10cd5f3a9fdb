package org.binfmtbpf.fuzz;

import java.util.HexFormat;

/**
 * Comparing stacks across engines that treat unwritten bytes differently. The interpreter
 * zeroes the stack a run can reach; the JIT leaves a verified program's stack as the previous
 * run left it ({@code Executable.readsOnlyStackItWrites}), as the kernel does. Before each
 * compared run the stack is filled with a pattern no run is likely to write, and afterwards
 * bytes still holding it read as zero: the comparison sees what each run wrote, and a run that
 * read a byte it never wrote answers with the pattern's bytes instead of zeros, so a verifier
 * that let such a read through shows up as a disagreement in r0, the maps or the context.
 */
public final class PoisonedStack {
    private PoisonedStack() {}

    /** The pattern's byte at offset {@code i}: position-dependent, so an engine writing one constant cannot match it. */
    static byte patternAt(int i) {
        return (byte) (0xa5 ^ (i * 0x3b));
    }

    /** Fills {@code stack} with the pattern. */
    public static void fill(byte[] stack) {
        for (int i = 0; i < stack.length; i++) {
            stack[i] = patternAt(i);
        }
    }

    /** The stack as hex, each byte still holding the pattern shown as zero. */
    public static String hex(byte[] stack) {
        byte[] seen = stack.clone();
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] == patternAt(i)) {
                seen[i] = 0;
            }
        }
        return HexFormat.of().formatHex(seen);
    }
}
