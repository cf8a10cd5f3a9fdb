package org.binfmtbpf.binfmt;

/**
 * The error numbers binfmt_misc and exec report, with Linux's numbering and glibc's
 * strerror text (so messages read like the shell's).
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EACCES(13, "Permission denied"),
    EEXIST(17, "File exists"),
    ENOTDIR(20, "Not a directory"),
    EINVAL(22, "Invalid argument"),
    ENAMETOOLONG(36, "File name too long"),
    ELOOP(40, "Too many levels of symbolic links");

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    public int number() { return number; }

    /** strerror(3) text. */
    public String text() { return text; }

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
