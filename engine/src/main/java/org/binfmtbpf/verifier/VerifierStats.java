package org.binfmtbpf.verifier;

/**
 * What verification cost, in the kernel's terms.
 *
 * @param processedInsns instructions processed over all paths (the kernel's "processed N insns")
 * @param totalStates    states saved at prune points
 * @param peakStates     the most saved states held at once
 * @param prunedPaths    paths cut short because a saved state covered them
 * @param maxStackDepth  the deepest combined stack of any call chain, in bytes
 */
public record VerifierStats(long processedInsns, int totalStates, int peakStates, int prunedPaths, int maxStackDepth) {
    @Override
    public String toString() {
        return "processed " + processedInsns + " insns, total_states " + totalStates + ", peak_states " + peakStates
                + ", pruned " + prunedPaths + ", stack depth " + maxStackDepth;
    }
}
