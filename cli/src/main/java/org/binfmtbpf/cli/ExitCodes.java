package org.binfmtbpf.cli;

/**
 * Exit codes of every command, documented in the README.
 *
 * <ul>
 *   <li>0: success</li>
 *   <li>1: the command ran and the answer is "no" (tests failed, no handler matched, program refused)</li>
 *   <li>2: usage error (picocli's default for bad arguments)</li>
 *   <li>3: bad input: a file, object, program or registration line that is malformed</li>
 *   <li>4: the environment refused: missing file, permissions, kernel feature unavailable</li>
 *   <li>70: internal error (a bug: please report it with --debug output)</li>
 * </ul>
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    public static final int NO = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int ENVIRONMENT = 4;
    public static final int INTERNAL = 70;
}
