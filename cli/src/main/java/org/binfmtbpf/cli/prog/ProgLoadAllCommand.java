package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.binfmt.ElfProgramSource;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.InputFiles;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.Programs;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Verification;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.program.ProgramType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool prog loadall OBJ DIR [type TYPE]: every program of the object, each pinned as DIR/NAME. */
@Command(name = "loadall", mixinStandardHelpOptions = true,
        description = {"Load, verify and pin every program of ELF object OBJ, as bpftool prog loadall does.",
            "Each program is pinned at DIR/NAME (below /sys/fs/bpf/). Nothing is pinned unless all are accepted.",
            "The object's maps are created once: every program refers to the same maps, as with libbpf."})
public final class ProgLoadAllCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "OBJ DIR [type socket|binfmt|syscall]", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        Words w = new Words(words);
        Path object = Path.of(w.operand("OBJ"));
        String dir = w.operand("DIR").replaceAll("/+$", "");
        ProgramType type = w.accept("type") ? Programs.type(w.operand("TYPE")) : null;
        w.end();
        byte[] bytes = InputFiles.bytes(object);
        String objectName = object.getFileName().toString();
        LoadedObject loaded = Programs.loadObject(bytes, objectName, type);
        PrintWriter err = spec.commandLine().getErr();
        for (LoadedProgram p : loaded.programs()) {
            Verification v = Verification.of(p.program());
            if (!v.accepted()) {
                err.print(v.log());
                err.flush();
                throw UserError.no(objectName + ": program " + p.name() + " refused by the verifier: " + v.summary());
            }
        }
        try (Workspace ws = Workspace.open(state.directory())) {
            String load = ws.newLoad(); // one object, one set of maps that all its programs share
            for (LoadedProgram p : loaded.programs()) {
                ws.pin(dir + "/" + p.name(), ws.loader().load(
                        new ElfProgramSource(objectName, p.name(), p.program().type(), bytes)), load);
            }
            ws.commit();
        }
        json.acknowledge(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
