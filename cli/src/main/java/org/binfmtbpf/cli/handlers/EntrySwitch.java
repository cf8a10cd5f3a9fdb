package org.binfmtbpf.cli.handlers;

import java.nio.charset.StandardCharsets;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What enable, disable and remove share: a write of 1, 0 or -1 to an entry's file, or with
 * {@code --all} to the {@code status} file (which turns the whole instance on or off, or
 * removes every entry).
 */
abstract class EntrySwitch {
    @Mixin StateOption state;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(paramLabel = "NAME", description = "The entry.")
        String name;

        @Option(names = "--all", description = "Every entry: write to binfmt_misc's status file instead.")
        boolean all;
    }

    /** "1", "0" or "-1". */
    abstract String command();

    public Integer call() throws Exception {
        byte[] written = command().getBytes(StandardCharsets.US_ASCII);
        try (Workspace ws = Workspace.open(state.directory())) {
            try {
                if (target.all) {
                    ws.binfmt().writeStatus(written);
                } else {
                    ws.binfmt().writeEntry(Latin1.fromUtf8(target.name), written);
                }
            } catch (RegistrationException e) {
                throw UserError.environment(target.name + ": no such entry");
            }
            ws.commit();
        }
        return 0;
    }
}
