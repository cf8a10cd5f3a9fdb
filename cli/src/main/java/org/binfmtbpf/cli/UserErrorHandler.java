package org.binfmtbpf.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on stderr and a documented exit code. A stack trace is
 * printed only with {@code --debug}, or for a genuine internal error.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = hasDebug(parsed);
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        int code;
        String message;
        if (cause instanceof UserError u) {
            code = u.exitCode();
            message = u.getMessage();
        } else if (cause instanceof IOException io) {
            code = ExitCodes.ENVIRONMENT;
            message = IoErrors.describe(io);
        } else if (Errors.isUserFacing(cause)) {
            code = ExitCodes.BAD_INPUT;
            message = cause.getMessage();
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + cause + " (rerun with --debug for the stack trace)";
            debug = true;
        }
        cmd.getErr().println(UsageErrorHandler.qualifiedName(cmd) + ": " + message);
        if (debug) {
            cause.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    private static boolean hasDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
