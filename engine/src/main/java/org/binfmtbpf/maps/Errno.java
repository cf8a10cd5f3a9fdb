package org.binfmtbpf.maps;

/**
 * The Linux errno values that map operations and helpers return, negated as the kernel
 * returns them to programs ({@code -EEXIST} etc.). Numbers are the x86-64 / generic ones.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EOPNOTSUPP = 95;

    /** The symbolic name of a (positive or negative) errno, for messages: {@code -17} gives {@code "-EEXIST"}. */
    public static String name(long errno) {
        String sign = errno < 0 ? "-" : "";
        return sign + switch ((int) Math.abs(errno)) {
            case 0 -> "0";
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case E2BIG -> "E2BIG";
            case EBADF -> "EBADF";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "errno " + Math.abs(errno);
        };
    }
}
