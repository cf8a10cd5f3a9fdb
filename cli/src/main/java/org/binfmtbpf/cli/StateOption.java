package org.binfmtbpf.cli;

import java.nio.file.Path;
import org.binfmtbpf.binfmt.StateDirectory;
import picocli.CommandLine.Option;

/**
 * {@code --state DIR}: where pinned programs and binfmt_misc entries persist between runs,
 * standing in for /sys/fs/bpf and /proc/sys/fs/binfmt_misc. Defaults to
 * {@code $XDG_STATE_HOME/binfmt-bpf} (or {@code ~/.local/state/binfmt-bpf}).
 */
public final class StateOption {
    /** Set by {@code --state} before the verb, as bpftool users place global options; reset per command line (see {@link Main}). */
    static Path global;

    @Option(names = "--state", paramLabel = "DIR",
            description = "State directory (pins, binfmt_misc entries). Default: $XDG_STATE_HOME/binfmt-bpf.")
    Path state;

    public Path directory() {
        Path state = this.state != null ? this.state : global;
        if (state == null) {
            return StateDirectory.defaultLocation();
        }
        if (state.toString().isEmpty()) {
            // An empty path is the working directory: the state would be written among the user's files.
            throw UserError.usage("--state: the directory is an empty path");
        }
        return state;
    }
}
