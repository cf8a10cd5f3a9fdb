package org.binfmtbpf.cli.handlers;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.ShellWords;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Which handler takes a file, with which interpreter and argv: exec without running anything. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Show which handler would take each FILE, with which interpreter and argv.",
            "Offers each FILE's first 256 bytes to the registered handlers, as execve does, and prints the "
                + "entry that matched, the interpreter and the argv the kernel would pass it, or the errno exec "
                + "fails with (ENOEXEC, ENOENT, EACCES) and why.",
            "Exit status 0 when every file would run, 1 otherwise."})
public final class ResolveCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = "--argv0", paramLabel = "A", description = "argv[0] passed to execve (default: the file as given).")
    String argv0;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to resolve, as they would be exec'd.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        try (Workspace ws = Workspace.run(state.directory())) {
            Resolver resolver = new Resolver(ws.binfmtToRun());
            for (String file : files) {
                verdicts.add(resolver.resolve(file, argv0, List.of()));
            }
            ws.saveMaps(); // a 'B' program's map writes outlive the exec, as the kernel's maps do
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            json.print(out, verdicts);
        } else {
            verdicts.forEach(v -> print(out, v));
            out.flush();
        }
        return verdicts.stream().allMatch(Verdict::runs) ? ExitCodes.OK : ExitCodes.NO;
    }

    static void print(PrintWriter out, Verdict v) {
        if (v.entry() != null) {
            String program = v.program() != null ? " " + v.program() : "";
            String via = v.via().isEmpty() ? "" : " then " + String.join(", then ", v.via());
            out.println(v.file() + ": entry " + v.entry() + " (" + v.type() + program + ")" + via
                    + (v.interpreter() != null ? ", interpreter " + v.interpreter() : ""));
            if (!v.argv().isEmpty()) {
                out.println("  argv: " + ShellWords.join(v.argv()));
            }
            if (v.errno() != null) {
                out.println("  exec fails: " + v.errno() + ": " + v.reason());
            }
        } else {
            out.println(v.file() + ": " + v.errno() + ": " + v.reason());
        }
    }
}
