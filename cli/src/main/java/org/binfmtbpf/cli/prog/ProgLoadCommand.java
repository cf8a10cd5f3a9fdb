package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.InputFiles;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.Programs;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Verification;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.binfmt.ElfProgramSource;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.program.ProgramType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool prog load OBJ PATH [type TYPE]: load, verify, pin. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load, verify and pin one program of ELF object OBJ, as bpftool prog load does.",
            "The program is the object's first (or the first in section NAME); PIN is below /sys/fs/bpf/, in "
                + "the state directory. 'type' overrides the type its section implies: socket (the RFC's 'B' "
                + "programs), binfmt or syscall. On refusal the verifier's log is printed and nothing is pinned. "
                + "'pinmaps DIR' pins the program's maps as DIR/NAME."})
public final class ProgLoadCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = {"-d", "--verbose"}, description = "Print the verifier's log even when the program is accepted.")
    boolean verbose;

    @Parameters(paramLabel = "OBJ PIN [type socket|binfmt|syscall] [section NAME] [pinmaps DIR]", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        Words w = new Words(words);
        Path object = Path.of(w.operand("OBJ"));
        String pin = w.operand("PIN");
        ProgramType type = null;
        String section = null;
        String pinMaps = null;
        while (w.hasMore()) {
            switch (w.choice("a keyword", "type", "section", "pinmaps")) {
                case "type" -> type = Programs.type(w.operand("TYPE"));
                case "section" -> section = w.operand("section NAME");
                default -> pinMaps = w.operand("pinmaps DIR");
            }
        }
        byte[] bytes = InputFiles.bytes(object);
        String objectName = object.getFileName().toString();
        LoadedObject loaded = Programs.loadObject(bytes, objectName, type);
        LoadedProgram chosen = Programs.inSection(loaded, objectName, section).get(0);
        Verification v = Verification.of(chosen.program());
        PrintWriter err = spec.commandLine().getErr();
        if (!v.accepted() || verbose) {
            err.print(v.log());
            err.flush();
        }
        if (!v.accepted()) {
            throw UserError.no(objectName + ": program " + chosen.name() + " refused by the verifier: " + v.summary());
        }
        try (Workspace ws = Workspace.open(state.directory())) {
            String pinned = ws.pin(pin, ws.loader().load(
                    new ElfProgramSource(objectName, chosen.name(), chosen.program().type(), bytes)));
            if (pinMaps != null) {
                ws.pinMaps(pinMaps, pinned, chosen.program().maps().stream().map(BpfMap::name).toList());
            }
            ws.commit();
        }
        json.acknowledge(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
