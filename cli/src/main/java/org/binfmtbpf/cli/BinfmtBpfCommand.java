package org.binfmtbpf.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/** The top-level command; each verb is a subcommand in a file of its own. */
@Command(name = "binfmt-bpf",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "An eBPF engine (interpreter and JIT) and a userspace binfmt_misc with 'B' (BPF) handlers.",
            "Verbs follow bpftool for programs and maps, and /proc/sys/fs/binfmt_misc for handlers."},
        footer = {"", "Exit codes: 0 ok, 1 the answer is no (no match, tests failed, program refused),",
            "2 usage, 3 bad input, 4 environment refused, 70 internal error."},
        subcommands = {
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
            ManPageGenerator.class,
        })
public final class BinfmtBpfCommand {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;
}
