package org.binfmtbpf.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code binfmt-bpf} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the process's stdout and stderr and returns the exit code. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs the command line with its output captured (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = newCommandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine newCommandLine() {
        JsonOption.global = false;
        JsonOption.globalPretty = false;
        StateOption.global = null;
        CommandLine cmd = new CommandLine(new BinfmtBpfCommand());
        cmd.setExecutionExceptionHandler(new UserErrorHandler());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // exec FILE ARGS...: everything after FILE belongs to the program, options included.
        cmd.getSubcommands().get("exec").setStopAtPositional(true);
        return cmd;
    }
}
