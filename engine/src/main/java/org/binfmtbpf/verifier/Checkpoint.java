package org.binfmtbpf.verifier;

/**
 * A state saved at a prune point (the kernel's explored state). While paths that descend from
 * it are still being explored ({@code branches > 0}) it is only used to detect infinite loops;
 * once they have all ended safely it proves any later state it covers safe too.
 */
final class Checkpoint {
    final int pc;
    final VerifierState state;
    final Checkpoint parent;
    final int hash;
    /** Paths descending from this checkpoint that are still being explored. */
    int branches = 1;
    int hits;
    int misses;

    Checkpoint(int pc, VerifierState state, Checkpoint parent) {
        this.pc = pc;
        this.state = state;
        this.parent = parent;
        this.hash = state.hashCode();
    }

    boolean complete() {
        return branches == 0;
    }
}
