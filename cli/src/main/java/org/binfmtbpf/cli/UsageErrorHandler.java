package org.binfmtbpf.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A usage mistake: one line naming the command and the problem, then where to look for help.
 * Picocli's default would print the whole usage text, which buries the one line that matters.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(qualifiedName(cmd) + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + qualifiedName(cmd) + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }
}
