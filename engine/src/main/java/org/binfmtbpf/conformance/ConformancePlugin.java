package org.binfmtbpf.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Invocation;

/**
 * The plugin protocol of the upstream bpf_conformance runner
 * ({@code bpf_conformance_runner --plugin_path P}): the program arrives on stdin as
 * space-separated hex bytes, the input memory as a hex string in the first non-option
 * argument; r0 goes to stdout in hex and the exit status is 0, or an error goes to stderr
 * and the status is 1. Options ({@code --...}) are accepted and ignored.
 */
public final class ConformancePlugin {
    private final Engine engine;

    public ConformancePlugin(Engine engine) {
        this.engine = engine;
    }

    /** Runs one program; returns the process exit status. */
    public int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            byte[] memory = args.stream().filter(a -> !a.startsWith("--")).findFirst()
                    .map(a -> hexBytes(a, "memory argument")).orElse(new byte[0]);
            byte[] code = hexBytes(new String(stdin.readAllBytes(), StandardCharsets.US_ASCII), "program on stdin");
            if (code.length % 8 != 0) {
                throw new IllegalArgumentException("program on stdin: " + code.length + " bytes is not a whole number of 8-byte instructions");
            }
            Instruction[] insns = InstructionCodec.decode(code);
            Program program = ProgramBuilder.of("stdin", ProgramType.RAW, insns, ConformanceHelpers.registry()).build();
            Invocation inv = Invocation.current();
            inv.begin(program, memory);
            long r0 = engine.prepare(program).run(inv);
            out.println(Long.toHexString(r0));
            return 0;
        } catch (IllegalArgumentException | InvalidProgramException | BpfFault e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read the program from stdin: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(engine.name() + " engine failed: " + e);
            return 1;
        }
    }

    /** Hex digits, pairs optionally separated by whitespace, as bytes. */
    static byte[] hexBytes(String text, String what) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException(what + ": not a sequence of hex bytes");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }
}
