package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;

/**
 * A write to {@code register}, an entry file or {@code status} that the kernel refuses. Carries
 * the errno the kernel's write(2) returns and names the field at fault, in one line:
 * {@code register: magic: \x4 needs two hex digits (EINVAL)}.
 */
public final class RegistrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;
    private final String field;

    public RegistrationException(Errno errno, String field, String explanation) {
        super(oneLine(field + ": " + explanation) + " (" + errno.name() + ")", null, false, false);
        this.errno = errno;
        this.field = field;
    }

    /** Names and paths come from the written bytes and may hold control characters: shown as \xHH to keep one line. */
    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    /** What write(2) fails with in the kernel. */
    public Errno errno() { return errno; }

    /** The field or file at fault: {@code name}, {@code magic}, {@code flags}, {@code status}... */
    public String field() { return field; }

    static RegistrationException invalid(String field, String explanation) {
        return new RegistrationException(Errno.EINVAL, field, explanation);
    }
}
