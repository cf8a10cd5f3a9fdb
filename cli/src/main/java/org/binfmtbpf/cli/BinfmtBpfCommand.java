package org.binfmtbpf.cli;

import picocli.CommandLine.Command;

/** The top-level command; each verb is a subcommand in a file of its own. */
@Command(name = "binfmt-bpf",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "An eBPF engine (interpreter and JIT) and a userspace binfmt_misc with 'B' (BPF) handlers.",
            "Verbs follow bpftool for programs and maps, and /proc/sys/fs/binfmt_misc for handlers."},
        subcommands = {
            picocli.CommandLine.HelpCommand.class,
        })
public final class BinfmtBpfCommand {
}
