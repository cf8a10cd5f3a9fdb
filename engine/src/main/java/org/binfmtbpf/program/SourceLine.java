package org.binfmtbpf.program;

/** A C source position from BTF line info, for error messages and {@code dump xlated linum}. */
public record SourceLine(String file, int line, int column, String text) {
    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }
}
