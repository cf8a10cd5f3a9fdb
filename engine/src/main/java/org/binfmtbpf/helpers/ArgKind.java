package org.binfmtbpf.helpers;

/** What a helper expects in one argument register; the verifier checks calls against it. */
public enum ArgKind {
    /** Not used: the register is not read. */
    NONE,
    /** Any initialised scalar. */
    ANYTHING,
    /** A constant map handle (LD_IMM64 of a map). */
    CONST_MAP_PTR,
    /** Pointer to initialised memory of the map's key size. */
    PTR_TO_MAP_KEY,
    /** Pointer to initialised memory of the map's value size. */
    PTR_TO_MAP_VALUE,
    /** Pointer to readable memory whose size is the next argument. */
    PTR_TO_MEM_READONLY,
    /**
     * Pointer to writable memory whose size is the next argument. The verifier counts all of
     * it as written after the call, so the helper must write every byte, whatever it returns
     * (engines rely on it: a verified program never reads stack its run did not write).
     */
    PTR_TO_UNINIT_MEM,
    /** A size known at verification time (may be zero only where the helper allows it). */
    CONST_SIZE,
    /** A size known at verification time, possibly zero. */
    CONST_SIZE_OR_ZERO,
    /** The program's context pointer. */
    PTR_TO_CTX
}
