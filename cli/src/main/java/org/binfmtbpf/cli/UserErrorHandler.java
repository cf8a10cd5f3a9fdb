package org.binfmtbpf.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on stderr and a documented exit code. A stack trace is
 * printed only with {@code --debug}, or for a genuine internal error.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = has(parsed, "--debug");
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
        if (has(parsed, "--json") || has(parsed, "--pretty")) {
            // bpftool -j reports an error as {"error": ...} on stdout, where a script reads the answer.
            cmd.getOut().println(Json.write(Map.of("error", message), has(parsed, "--pretty")));
            cmd.getOut().flush();
        }
        if (debug) {
            cause.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    /** Whether option {@code name} was given, before or after the verb. */
    private static boolean has(CommandLine.ParseResult parsed, String name) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.commandSpec().findOption(name) != null && p.hasMatchedOption(name)) {
                return true;
            }
        }
        return false;
    }
}
