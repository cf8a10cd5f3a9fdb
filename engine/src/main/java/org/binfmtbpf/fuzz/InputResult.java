package org.binfmtbpf.fuzz;

/**
 * How one mutated input ended. Case {@code index} of a campaign with seed S has seed S+index
 * ({@code seed}); {@code origin} is what it was made from, {@code how} the mutation, and
 * {@code detail} the loader's or parser's answer (for WRONG: what broke the rule), and
 * {@code reference} the reference oracle's own answer when one was asked (the kernel's), else null.
 */
public record InputResult(long index, long seed, String origin, String how, byte[] input, Verdict verdict, String detail,
        String reference) {
    /** ACCEPTED and REFUSED are both fine; WRONG breaks the target's rule or disagrees with the kernel. */
    public enum Verdict { ACCEPTED, REFUSED, WRONG }
}
