package org.binfmtbpf.conformance;

/** A {@code .data} file that does not follow the format; the message names the file and line. */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
