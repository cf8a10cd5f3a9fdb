package org.binfmtbpf.cli.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.binfmtbpf.asm.AssemblyException;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.cli.HexBytes;
import org.binfmtbpf.cli.InputFiles;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Assembles eBPF assembly text into instruction bytes. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Assemble eBPF assembly in the bpf_conformance suite's syntax ('mov %%r0, 1', 'exit').",
            "Without -o, prints each 8-byte slot in hex, one per line; --one-line prints them as the "
                + "conformance plugin reads a program."})
public final class AsmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Assembly source; - for stdin.")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the raw little-endian instruction bytes here.")
    Path output;

    @Option(names = "--one-line", description = "Print all bytes on one line, space-separated.")
    boolean oneLine;

    @Override
    public Integer call() throws Exception {
        String source = InputFiles.text(file, System.in);
        Instruction[] insns;
        try {
            insns = ConformanceAssembler.assemble(source);
        } catch (AssemblyException e) {
            throw UserError.badInput((file.equals("-") ? "<stdin>" : file) + ":" + e.getMessage());
        }
        byte[] bytes = InstructionCodec.encode(insns);
        if (output != null) {
            Files.write(output, bytes);
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (oneLine) {
            out.println(HexBytes.spaced(bytes, 0, bytes.length));
        } else {
            for (int i = 0; i < bytes.length; i += 8) {
                out.println(HexBytes.spaced(bytes, i, 8));
            }
        }
        out.flush();
        return 0;
    }
}
