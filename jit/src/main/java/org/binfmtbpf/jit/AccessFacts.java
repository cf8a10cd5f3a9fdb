package org.binfmtbpf.jit;

/**
 * A per-instruction table of proven memory accesses, the hook through which a verifier tells
 * the code generator where it may skip the checked path. The default knows nothing; the
 * compiler always adds {@link FramePointerFacts}, which needs no verifier.
 */
@FunctionalInterface
public interface AccessFacts {
    AccessFacts NONE = pc -> ProvenAccess.UNKNOWN;

    /** What is proven about the access at {@code pc}; {@link ProvenAccess#UNKNOWN} when nothing is. */
    ProvenAccess at(int pc);

    /**
     * True when the verifier that supplied these facts proved the program never reads a stack
     * byte its run did not write ({@code VerifierFacts.readsOnlyStackItWrites}).
     */
    default boolean readsOnlyStackItWrites() {
        return false;
    }

    /** This table, falling back to {@code other} where this one knows nothing. */
    default AccessFacts orElse(AccessFacts other) {
        return pc -> {
            ProvenAccess a = at(pc);
            return a instanceof ProvenAccess.Unknown ? other.at(pc) : a;
        };
    }
}
