package org.binfmtbpf.kernel;

import org.binfmtbpf.linux.Errno;


/** A bpf(2) command the kernel refused: the command, the errno and, for BPF_PROG_LOAD, the verifier's log. */
public final class KernelBpfException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String verifierLog;

    KernelBpfException(String command, int errno, String verifierLog) {
        super(command + " failed: " + Errno.name(-errno)
                + (verifierLog == null || verifierLog.isBlank() ? "" : "\nverifier log:\n" + verifierLog.strip()));
        this.errno = errno;
        this.verifierLog = verifierLog;
    }

    /** The positive errno. */
    public int errno() {
        return errno;
    }

    /** The verifier's log for a refused BPF_PROG_LOAD, else null. */
    public String verifierLog() {
        return verifierLog;
    }
}
