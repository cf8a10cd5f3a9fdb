package org.binfmtbpf.cli.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.binfmtbpf.asm.Disassembler;
import org.binfmtbpf.cli.InputFiles;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.elf.ElfFile;
import org.binfmtbpf.elf.ElfFormatException;
import org.binfmtbpf.elf.ElfSection;
import org.binfmtbpf.elf.ElfSymbol;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** llvm-objdump -d for BPF: every program section of an ELF object, or a raw instruction file. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Disassemble a BPF ELF object as 'llvm-objdump -d --no-show-raw-insn' does.",
            "Every executable section is printed with its instructions as in the file, before relocation; "
                + "with --raw, FILE is a file of bare 8-byte instructions. --mcpu=v3 (or later) shows 32-bit memory"
                + " accesses with w registers, as llvm-objdump does."})
public final class DisasmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "ELF object, or raw instructions with --raw; - for stdin.")
    String file;

    @Option(names = "--raw", description = "FILE is bare little-endian instructions, not ELF.")
    boolean raw;

    @Option(names = "--mcpu", paramLabel = "v1|v2|v3|v4", defaultValue = "v1",
            description = "Register view for 32-bit accesses, as llvm-objdump's --mcpu (default: ${DEFAULT-VALUE}).")
    String mcpu;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = InputFiles.bytes(file, System.in);
        Disassembler d = switch (mcpu) {
            case "v1", "v2", "generic" -> Disassembler.DEFAULT;
            case "v3", "v4" -> Disassembler.ALU32;
            default -> throw UserError.usage("--mcpu: '" + mcpu + "' is not v1, v2, v3 or v4");
        };
        PrintWriter out = spec.commandLine().getOut();
        if (raw) {
            if (bytes.length % 8 != 0) {
                throw UserError.badInput(file + ": " + bytes.length + " bytes is not a whole number of 8-byte instructions");
            }
            d.listing(InstructionCodec.decode(bytes)).forEach(out::println);
        } else {
            objdump(out, d, bytes);
        }
        out.flush();
        return 0;
    }

    private void objdump(PrintWriter out, Disassembler d, byte[] bytes) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(bytes);
        } catch (ElfFormatException e) {
            throw UserError.badInput(Path.of(file).getFileName() + ": " + e.getMessage()
                    + " (use --raw for a file of bare instructions)");
        }
        out.println();
        out.println(file + ":\tfile format elf64-bpf");
        for (ElfSection s : elf.sections()) {
            if (!s.executable() || s.size() == 0) {
                continue;
            }
            byte[] code = elf.data(s);
            Instruction[] slots = InstructionCodec.decode(code, 0, code.length - code.length % 8);
            Map<Integer, String> symbols = new TreeMap<>();
            for (ElfSymbol sym : elf.symbols()) {
                if (sym.section() == s.index() && sym.isFunction()) {
                    symbols.put((int) (sym.value() / 8), sym.name());
                }
            }
            out.println();
            out.println("Disassembly of section " + s.name() + ":");
            d.listing(slots, symbols).forEach(out::println);
        }
    }
}
