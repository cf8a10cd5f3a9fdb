package org.binfmtbpf.cli;

/** A mistake in what the user gave us, or a refusal of the environment: printed as one line, no stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(int exitCode, String message) {
        this(exitCode, message, null);
    }

    /** @param cause shown with {@code --debug} only */
    public UserError(int exitCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    public static UserError usage(String message) {
        return new UserError(ExitCodes.USAGE, message);
    }

    public static UserError badInput(String message) {
        return new UserError(ExitCodes.BAD_INPUT, message);
    }

    public static UserError environment(String message) {
        return new UserError(ExitCodes.ENVIRONMENT, message);
    }

    public static UserError no(String message) {
        return new UserError(ExitCodes.NO, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
