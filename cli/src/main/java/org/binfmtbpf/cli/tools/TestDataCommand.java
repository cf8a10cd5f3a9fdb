package org.binfmtbpf.cli.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.Engines;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.conformance.DataFileParser;
import org.binfmtbpf.conformance.DataFileRunner;
import org.binfmtbpf.conformance.DataResult;
import org.binfmtbpf.conformance.DataSuite;
import org.binfmtbpf.run.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs bpf_conformance .data files. */
@Command(name = "test-data", mixinStandardHelpOptions = true,
        description = {"Run bpf_conformance .data files and print 'N passed, M failed'.",
            "Each PATH is a file or a directory searched for *.data. Each failure is printed with the "
                + "expected and the actual r0.",
            "Exit status 1 when one fails."})
public final class TestDataCommand implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = "--engine", paramLabel = "interp|jit", defaultValue = "interp",
            description = "The engine to run them on (default: ${DEFAULT-VALUE}).")
    String engine;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        Engine e = Engines.named(engine);
        List<DataResult> results = new ArrayList<>();
        for (Path file : DataSuite.expand(paths)) {
            results.add(DataFileRunner.run(DataFileParser.parse(file), e));
        }
        List<DataResult> failed = results.stream().filter(r -> !r.passed()).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            json.print(out, java.util.Map.of("passed", results.size() - failed.size(), "failed", failed));
        } else {
            out.println((results.size() - failed.size()) + " passed, " + failed.size() + " failed");
            for (DataResult r : failed) {
                out.println("FAIL " + r.name() + ": expected " + r.expected() + ", got " + r.actual());
            }
            out.flush();
        }
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.NO;
    }
}
