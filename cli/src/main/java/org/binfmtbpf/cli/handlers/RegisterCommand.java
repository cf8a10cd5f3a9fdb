package org.binfmtbpf.cli.handlers;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.cli.BinfmtDFile;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A write to /proc/sys/fs/binfmt_misc/register, or systemd-binfmt over binfmt.d files. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register a handler, as 'echo LINE > /proc/sys/fs/binfmt_misc/register' does.",
            "A line is",
            "  :name:type:offset:magic:mask:interpreter:flags",
            "with type M (magic), E (extension) or B (a pinned BPF program in the offset field, the RFC):",
            "  :qemu-bpf:B:/sys/fs/bpf/qemu::::P",
            "With --file, registers every line of binfmt.d(5) files as systemd-binfmt does (blank lines and "
                + "lines starting with # or ; are skipped; a bad line does not stop the rest)."})
public final class RegisterCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Spec CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "LINE", description = "One registration line.")
        String line;

        @Option(names = "--file", arity = "1..*", paramLabel = "FILE", description = "binfmt.d files to apply.")
        List<Path> files;
    }

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = Workspace.open(state.directory())) {
            if (source.line != null) {
                try {
                    ws.binfmt().register(source.line.getBytes(StandardCharsets.UTF_8));
                } catch (RegistrationException e) {
                    // A missing pin or interpreter, or a name taken (as a taken pin in prog load), is the
                    // system's answer; a malformed line is the user's input.
                    boolean environment = switch (e.errno()) {
                        case ENOENT, EACCES, EPERM, ENOTDIR, EEXIST -> true;
                        default -> false;
                    };
                    throw environment ? UserError.environment(e.getMessage()) : UserError.badInput(e.getMessage());
                }
                ws.commit();
                return ExitCodes.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            int failures = 0;
            for (Path file : source.files) {
                for (BinfmtDFile.Line line : BinfmtDFile.read(file)) {
                    try {
                        ws.binfmt().register(Latin1.bytes(line.text()));
                    } catch (RegistrationException e) {
                        failures++;
                        err.println(spec.qualifiedName(" ") + ": " + line.where() + ": " + e.getMessage());
                    }
                }
            }
            err.flush();
            ws.commit();
            return failures == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }
}
