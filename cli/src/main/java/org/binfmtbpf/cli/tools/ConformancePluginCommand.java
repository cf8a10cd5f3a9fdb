package org.binfmtbpf.cli.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.Engines;
import org.binfmtbpf.conformance.ConformancePlugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The bpf_conformance runner's plugin protocol ({@link ConformancePlugin}):
 * {@code bpf_conformance_runner --plugin_path ./binfmt-bpf --plugin_options conformance-plugin}.
 */
@Command(name = "conformance-plugin", mixinStandardHelpOptions = true,
        description = {"Run one program as a plugin of the bpf_conformance runner.",
            "Reads the program from stdin (one line of space-separated hex bytes), takes the memory as hex in"
                + " MEMHEX (r1 points at it), prints r0 in hex. Helper 5 returns its first argument. Errors go to "
                + "stderr with exit status 1."})
public final class ConformancePluginCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--engine", paramLabel = "interp|jit", defaultValue = "interp",
            description = "The engine (default: ${DEFAULT-VALUE}).")
    String engine;

    @Parameters(arity = "0..1", paramLabel = "MEMHEX", description = "Input memory as hex.")
    String memory;

    /** Options the runner passes that mean nothing here. */
    @Unmatched
    List<String> ignored = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (memory != null) {
            args.add(memory);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ConformancePlugin(Engines.named(engine)).run(args, System.in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(out.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(err.toString(StandardCharsets.UTF_8));
        spec.commandLine().getErr().flush();
        return status;
    }
}
