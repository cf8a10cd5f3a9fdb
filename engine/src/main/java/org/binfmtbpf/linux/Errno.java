package org.binfmtbpf.linux;

/**
 * The Linux error numbers this project reports, with the kernel's generic numbering (as on
 * x86-64 and arm64) and glibc's strerror text, so messages read like the shell's. Map
 * operations and helpers return them negated to programs, as the kernel does ({@link #negated}).
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EEXIST(17, "File exists"),
    ENOTDIR(20, "Not a directory"),
    EINVAL(22, "Invalid argument"),
    ENOSPC(28, "No space left on device"),
    ENAMETOOLONG(36, "File name too long"),
    ELOOP(40, "Too many levels of symbolic links"),
    EOPNOTSUPP(95, "Operation not supported");

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    public int number() { return number; }

    /** {@code -number}: how helpers and map operations report this error to a program. */
    public int negated() { return -number; }

    /** strerror(3) text. */
    public String text() { return text; }

    /** The symbolic name of a (positive or negative) errno, for messages: {@code -17} gives {@code "-EEXIST"}. */
    public static String name(long errno) {
        if (errno == 0) {
            return "0";
        }
        String sign = errno < 0 ? "-" : "";
        long magnitude = Math.abs(errno);
        Errno known = magnitude <= Integer.MAX_VALUE ? ofNumber((int) magnitude) : null;
        return sign + (known != null ? known.name() : "errno " + magnitude);
    }

    /**
     * The errno whose strerror text a Java exception message contains (Java reports errno as
     * that text, after the path or "error=N,"), or null when none does.
     */
    public static Errno ofMessage(String message) {
        for (Errno e : values()) {
            if (message != null && message.contains(e.text)) {
                return e;
            }
        }
        return null;
    }

    /** The errno with this number, or null when this model never produces it. */
    public static Errno ofNumber(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        return null;
    }
}
