package org.binfmtbpf.cli.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.RawProgramSource;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.binfmt.RegistrationParser;
import org.binfmtbpf.binfmt.convert.HandlerCompiler;
import org.binfmtbpf.cli.BinfmtDFile;
import org.binfmtbpf.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** 'M' and 'E' registrations to 'B' programs in one object, and the registrations that use them. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Compile the 'M' and 'E' registrations of binfmt.d files into equivalent 'B' programs.",
            "One program per registration, in one ELF object (section socket for M, binfmt for E); prints the"
                + " binfmt.d lines that register them once 'prog loadall OBJ DIR' has pinned them:",
            "  binfmt-bpf convert /usr/lib/binfmt.d/qemu-*.conf -o qemu-b.o > qemu-b.conf",
            "  binfmt-bpf prog loadall qemu-b.o /sys/fs/bpf/binfmt && binfmt-bpf register --file qemu-b.conf"})
public final class ConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONF", description = "binfmt.d files.")
    List<Path> confs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OBJ", description = "The object to write.")
    Path output;

    @Option(names = "--pin-dir", paramLabel = "DIR", defaultValue = "/sys/fs/bpf/binfmt",
            description = "Where 'prog loadall' will pin the programs (default: ${DEFAULT-VALUE}).")
    String pinDir;

    @Override
    public Integer call() throws Exception {
        RegistrationParser parser = new RegistrationParser(null);
        List<ElfObjectWriter.Function> functions = new ArrayList<>();
        List<String> registrations = new ArrayList<>();
        for (Path conf : confs) {
            for (BinfmtDFile.Line line : BinfmtDFile.read(conf)) {
                Entry entry;
                RawProgramSource program;
                try {
                    entry = parser.parse(Latin1.bytes(line.text()));
                    program = HandlerCompiler.compile(entry);
                } catch (RegistrationException | IllegalArgumentException e) {
                    throw UserError.badInput(line.where() + ": " + e.getMessage());
                }
                String symbol = symbol(Latin1.toUtf8(entry.name()));
                functions.add(new ElfObjectWriter.Function(symbol, program.type().sectionName(), program.bytes()));
                registrations.add(Latin1.toUtf8(HandlerCompiler.registration(entry, pinDir + "/" + symbol)));
            }
        }
        Files.write(output, ElfObjectWriter.write(functions, "GPL"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("# 'B' registrations for the programs of " + output.getFileName() + " (binfmt-bpf convert)");
        registrations.forEach(out::println);
        out.flush();
        return 0;
    }

    /** A C identifier, as libbpf and the kernel name programs: other characters become '_'. */
    static String symbol(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
        }
        return sb.length() > 0 && Character.isDigit(sb.charAt(0)) ? "_" + sb : sb.toString();
    }
}
