package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.InputFiles;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.Programs;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Verification;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the verifier on every program of an object and prints its log. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify every program of ELF object OBJ and print the verifier's log.",
            "The log is the kernel's for BPF_PROG_LOAD with log_level; --section keeps the programs of one "
                + "section. Exit status 1 when one is refused."})
public final class ProgVerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JsonOption json;

    @Option(names = "--section", paramLabel = "NAME", description = "Only the programs of this ELF section.")
    String section;

    @Option(names = "--type", paramLabel = "TYPE", description = "Verify as this type (socket, binfmt, syscall).")
    String type;

    @Option(names = "--log-level", paramLabel = "N", defaultValue = "1",
            description = "0: only the error; 1: the path to it; 2: every instruction with its register state.")
    int logLevel;

    @Parameters(paramLabel = "OBJ")
    Path object;

    @Override
    public Integer call() throws Exception {
        if (logLevel < 0 || logLevel > 2) {
            throw UserError.usage("--log-level: " + logLevel + " is not a log level (0, 1 or 2)");
        }
        String objectName = object.getFileName().toString();
        LoadedObject loaded = Programs.loadObject(InputFiles.bytes(object), objectName,
                type == null ? null : Programs.type(type));
        PrintWriter out = spec.commandLine().getOut();
        boolean allAccepted = true;
        java.util.List<java.util.Map<String, Object>> results = new java.util.ArrayList<>();
        for (LoadedProgram p : Programs.inSection(loaded, objectName, section)) {
            Verification v = Verification.of(p.program(), logLevel);
            if (json.enabled()) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("section", p.section());
                m.put("name", p.name());
                m.put("accepted", v.accepted());
                m.put("summary", v.summary());
                m.put("log", v.log());
                results.add(m);
                allAccepted &= v.accepted();
                continue;
            }
            out.println("== " + p.section() + "/" + p.name() + ": " + (v.accepted() ? "accepted" : "REFUSED"));
            out.print(v.log().endsWith("\n") || v.log().isEmpty() ? v.log() : v.log() + "\n");
            if (!v.accepted()) {
                out.println(v.summary());
                allAccepted = false;
            }
        }
        if (json.enabled()) {
            json.print(out, results);
        }
        out.flush();
        return allAccepted ? ExitCodes.OK : ExitCodes.NO;
    }
}
