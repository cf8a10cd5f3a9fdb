package org.binfmtbpf.cli.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.Engines;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.conformance.ConformanceHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The bpf_conformance runner's plugin protocol: {@code bpf_conformance_runner --plugin_path
 * binfmt-bpf --plugin_options conformance-plugin}. The program arrives on stdin as one line of
 * space-separated hex bytes, the memory as hex in the first argument; r0 goes to stdout in hex.
 * Helper 5 returns its first argument, as the suite requires.
 */
@Command(name = "conformance-plugin", mixinStandardHelpOptions = true,
        description = {"Plugin for the bpf_conformance runner: reads the program from stdin (one line of",
            "space-separated hex bytes), takes the memory as hex in MEMHEX, prints r0 in hex.",
            "Errors (the program is refused or faults) go to stderr with exit status 1."})
public final class ConformancePluginCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--engine", paramLabel = "interp|jit", defaultValue = "interp",
            description = "The engine (default: ${DEFAULT-VALUE}).")
    String engine;

    @Parameters(arity = "0..1", paramLabel = "MEMHEX", description = "Input memory as hex; r1 points at it.")
    String memory;

    /** Options the runner passes that mean nothing here (--elf, --cpu_version ...). */
    @Unmatched
    List<String> ignored = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        byte[] code = hex("program (stdin)", line == null ? "" : line);
        if (code.length == 0 || code.length % 8 != 0) {
            throw UserError.no("program (stdin): " + code.length + " bytes is not a whole, non-empty number of instructions");
        }
        byte[] mem = hex("memory", memory == null ? "" : memory);
        Instruction[] insns = InstructionCodec.decode(code);
        Program program = ProgramBuilder.of("conformance", ProgramType.RAW, insns, ConformanceHelpers.registry()).build();
        Executable exe = Engines.named(engine).prepare(program);
        Invocation inv = Invocation.current();
        inv.begin(program, mem);
        long r0 = exe.run(inv);
        spec.commandLine().getOut().println(Long.toHexString(r0));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static byte[] hex(String what, String text) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw UserError.no(what + ": not hex bytes");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
