package org.binfmtbpf.verifier;

/** The kinds of pointer the verifier tracks, with the kernel's names for its log. */
public enum PointerKind {
    /** The program's context: the 256-byte header (read-only) or a RAW test's memory. */
    CTX("ctx"),
    /** Into the stack of some call frame. */
    STACK("fp"),
    /** Into a map value or a global data section. */
    MAP_VALUE("map_value"),
    /** A map lookup's result before its null check. */
    MAP_VALUE_OR_NULL("map_value_or_null"),
    /** A map handle (LD_IMM64 of a map): only for passing to helpers. */
    CONST_PTR_TO_MAP("map_ptr");

    private final String logName;

    PointerKind(String logName) {
        this.logName = logName;
    }

    public String logName() {
        return logName;
    }
}
