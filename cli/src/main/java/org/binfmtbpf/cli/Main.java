package org.binfmtbpf.cli;

import picocli.CommandLine;

/** Entry point of the {@code binfmt-bpf} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new BinfmtBpfCommand());
        cmd.setExecutionExceptionHandler(new UserErrorHandler());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }
}
