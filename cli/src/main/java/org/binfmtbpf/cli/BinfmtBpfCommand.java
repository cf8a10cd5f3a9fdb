package org.binfmtbpf.cli;

import org.binfmtbpf.cli.demo.DemoCommand;
import org.binfmtbpf.cli.handlers.DisableCommand;
import org.binfmtbpf.cli.handlers.EnableCommand;
import org.binfmtbpf.cli.handlers.ExecCommand;
import org.binfmtbpf.cli.handlers.RegisterCommand;
import org.binfmtbpf.cli.handlers.RemoveCommand;
import org.binfmtbpf.cli.handlers.ResolveCommand;
import org.binfmtbpf.cli.handlers.StatusCommand;
import org.binfmtbpf.cli.map.MapCommand;
import org.binfmtbpf.cli.prog.ProgCommand;
import org.binfmtbpf.cli.tools.AsmCommand;
import org.binfmtbpf.cli.tools.ConformancePluginCommand;
import org.binfmtbpf.cli.tools.ConvertCommand;
import org.binfmtbpf.cli.tools.DisasmCommand;
import org.binfmtbpf.cli.tools.TestDataCommand;
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
            DemoCommand.class,
            ProgCommand.class,
            MapCommand.class,
            RegisterCommand.class,
            StatusCommand.class,
            EnableCommand.class,
            DisableCommand.class,
            RemoveCommand.class,
            ResolveCommand.class,
            ExecCommand.class,
            ConvertCommand.class,
            AsmCommand.class,
            DisasmCommand.class,
            TestDataCommand.class,
            ConformancePluginCommand.class,
            org.binfmtbpf.cli.fuzz.FuzzCommand.class,
            org.binfmtbpf.cli.tools.BenchCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
            ManPageGenerator.class,
        })
public final class BinfmtBpfCommand {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;

    @Option(names = "--state", paramLabel = "DIR",
            description = "State directory of the commands that keep state (also accepted after the verb).")
    void state(java.nio.file.Path dir) {
        StateOption.global = dir;
    }

    @Option(names = {"-j", "--json"}, description = "Print JSON (as bpftool -j), for the commands that print data.")
    void json(boolean on) {
        JsonOption.global = on;
    }

    @Option(names = {"-p", "--pretty"}, description = "Print indented JSON (as bpftool -p).")
    void pretty(boolean on) {
        JsonOption.globalPretty = on;
    }
}
