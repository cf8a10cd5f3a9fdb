package org.binfmtbpf.cli.prog;

import picocli.CommandLine.Command;

/** bpftool prog, for pinned programs of the state directory. */
@Command(name = "prog", aliases = "program", mixinStandardHelpOptions = true,
        description = {"Load, inspect, run and verify programs, as bpftool prog does.",
            "PROG := { id PROG_ID | pinned PATH | tag PROG_TAG | name PROG_NAME }, ids as 'prog show' numbers them."},
        subcommands = {ProgLoadCommand.class, ProgLoadAllCommand.class, ProgShowCommand.class, ProgDumpCommand.class, ProgRunCommand.class,
            ProgVerifyCommand.class, ProgUnpinCommand.class})
public final class ProgCommand {
}
