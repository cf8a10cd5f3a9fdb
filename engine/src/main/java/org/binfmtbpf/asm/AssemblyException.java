package org.binfmtbpf.asm;

/** Assembly source that cannot be assembled; the message is one line, {@code line:column: what}. */
public final class AssemblyException extends RuntimeException {
    private final int line;
    private final int column;
    private final String reason;

    public AssemblyException(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line number. */
    public int line() { return line; }

    /** 1-based column number. */
    public int column() { return column; }

    public String reason() { return reason; }
}
