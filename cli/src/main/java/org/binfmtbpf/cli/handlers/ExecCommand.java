package org.binfmtbpf.cli.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Resolves a file like {@code resolve}, then runs the interpreter with the argv the kernel
 * builds. The kernel execs the interpreter with argv[0] = the interpreter path; a JVM cannot
 * choose argv[0] apart from the executable, but it need not: running the interpreter path
 * with argv[1..] gives the interpreter exactly the kernel's argv. stdin, stdout and stderr
 * are the interpreter's; its exit status is ours.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run FILE through the handler that takes it, with the argv the kernel would build.",
            "Resolves FILE through the registered handlers, then runs the chosen interpreter. stdin, stdout, "
                + "stderr and the exit status pass through.",
            "Exit status: the interpreter's; 126 when no handler takes FILE (ENOEXEC, EACCES), 127 when FILE "
                + "or the interpreter does not exist (ENOENT)."})
public final class ExecCommand implements Callable<Integer> {
    /** As a shell: found but cannot be executed. */
    public static final int CANNOT_EXECUTE = 126;
    /** As a shell: not found. */
    public static final int NOT_FOUND = 127;

    @Mixin StateOption state;
    @Spec CommandSpec spec;

    @Option(names = "--argv0", paramLabel = "A", description = "argv[0] passed to execve (default: FILE as given).")
    String argv0;

    @Option(names = {"-v", "--verbose"}, description = "Print the interpreter's argv on stderr before running it.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to run.")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments (argv[1..]).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Verdict v;
        try (Workspace ws = Workspace.run(state.directory())) {
            v = new Resolver(ws.binfmtToRun()).resolve(file, argv0, args);
            ws.saveMaps(); // a 'B' program's map writes outlive the exec, as the kernel's maps do
        }
        if (!v.runs()) {
            throw new UserError("ENOENT".equals(v.errno()) ? NOT_FOUND : CANNOT_EXECUTE,
                    file + ": " + v.errno() + ": " + v.reason());
        }
        if (verbose) {
            spec.commandLine().getErr().println("exec: entry " + v.entry() + ": " + String.join(" ", v.argv()));
            spec.commandLine().getErr().flush();
        }
        // The kernel's argv[0] is the interpreter path, which is also what we execute.
        Process p = new ProcessBuilder(v.argv()).inheritIO().start();
        return p.waitFor();
    }

}
