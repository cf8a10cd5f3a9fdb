package org.binfmtbpf.jit;

/**
 * A per-instruction table of proven memory accesses, the hook through which a verifier tells
 * the code generator where it may skip the checked path, and what else it proved that the
 * generated code may rely on (the stack, comparisons). The default knows nothing; the
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

    /**
     * True when register {@code reg} has its sign bit clear whenever instruction {@code pc}
     * starts (all 64 bits, or the low 32 with {@code low32}): an unsigned comparison of it
     * may then be emitted as a signed one ({@code VerifierFacts.nonNegativeAtEntry}).
     */
    default boolean nonNegative(int pc, int reg, boolean low32) {
        return false;
    }

    /** This table, falling back to {@code other} for the accesses this one knows nothing of. */
    default AccessFacts orElse(AccessFacts other) {
        AccessFacts first = this;
        return new AccessFacts() {
            @Override
            public ProvenAccess at(int pc) {
                ProvenAccess a = first.at(pc);
                return a instanceof ProvenAccess.Unknown ? other.at(pc) : a;
            }

            @Override
            public boolean readsOnlyStackItWrites() {
                return first.readsOnlyStackItWrites();
            }

            @Override
            public boolean nonNegative(int pc, int reg, boolean low32) {
                return first.nonNegative(pc, reg, low32) || other.nonNegative(pc, reg, low32);
            }
        };
    }
}
