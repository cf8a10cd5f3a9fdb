package org.binfmtbpf.binfmt;

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
        super(field + ": " + explanation + " (" + errno.name() + ")", null, false, false);
        this.errno = errno;
        this.field = field;
    }

    /** What write(2) fails with in the kernel. */
    public Errno errno() { return errno; }

    /** The field or file at fault: {@code name}, {@code magic}, {@code flags}, {@code status}... */
    public String field() { return field; }

    static RegistrationException invalid(String field, String explanation) {
        return new RegistrationException(Errno.EINVAL, field, explanation);
    }
}
