package org.binfmtbpf.helpers;

/** What a helper leaves in r0, for the verifier. */
public enum ReturnKind {
    INTEGER,
    VOID,
    MAP_VALUE_OR_NULL
}
