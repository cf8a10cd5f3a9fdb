package org.binfmtbpf.btf;

/**
 * A malformed {@code .BTF} or {@code .BTF.ext} section. {@link #offset()} is relative to the
 * start of the section, so the ELF loader can report the file offset.
 */
public final class BtfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public BtfFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset within the section where the problem was found. */
    public long offset() {
        return offset;
    }
}
