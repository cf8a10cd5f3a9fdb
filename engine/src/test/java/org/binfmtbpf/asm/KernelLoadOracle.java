package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;

/**
 * Asks the running kernel whether it would load programs, through the small C tool
 * src/test/resources/isa/kernel/bpf_load_check.c (compiled with cc into a temporary
 * directory; it calls bpf(BPF_PROG_LOAD) for a socket filter and prints the verifier's
 * message; it keeps an array map open as fd 100 and as element 0 of fd_array, so pseudo
 * LD_IMM64 forms can name a map). Skips, saying why, when cc or bpf(2) is not available.
 */
final class KernelLoadOracle {
    /**
     * The verifier messages of the checks ProgramValidator mirrors (kernel/bpf/verifier.c).
     * Any other rejection (an uninitialised register, an unknown map) is about paths and
     * types, which is the verifier's business, not load-time validation.
     */
    private static final Pattern STRUCTURAL = Pattern.compile(String.join("|",
            "unknown opcode", "uses reserved fields", "invalid bpf_ld_imm64 insn", "unrecognized bpf_ld_imm64 insn",
            "jump out of range", "last insn is not an exit or jmp", "jump into the middle of ldimm64",
            "call to invalid destination", "invalid BPF_ALU opcode", "invalid BPF_LD mode", "invalid BPF_LD_IMM insn",
            "invalid atomic operand size", "BPF_ATOMIC uses invalid atomic opcode", "^R\\d+ is invalid",
            "frame pointer is read only", "invalid shift", "div by zero", "invalid BPF_JMP", "unknown insn class",
            "invalid mode", "invalid size", "unreachable insn", "addr_space_cast insn can only convert"));

    /** Messages of pseudo LD_IMM64 forms that need a map, BTF or fd_array this tool does not pass. */
    private static final Pattern NEEDS_OBJECTS = Pattern.compile(
            "is not pointing to valid bpf_map|fd_idx without fd_array|pseudo btf_id|kernel btf_id|BTF");

    /** The kernel's answer for one program. */
    record Verdict(boolean loaded, int errno, String message) {
        /** Rejected by a check of the kind ProgramValidator makes (or the program was empty: E2BIG). */
        boolean structurallyInvalid() {
            return !loaded && (errno == 7 || STRUCTURAL.matcher(message).find());
        }

        /** The kernel stopped before its load-time checks because it lacked an object: no verdict. */
        boolean needsKernelObjects() {
            return !loaded && NEEDS_OBJECTS.matcher(message).find();
        }
    }

    private KernelLoadOracle() {}

    static List<Verdict> load(List<Instruction[]> programs) {
        Path tool = compile();
        StringBuilder input = new StringBuilder();
        for (Instruction[] program : programs) {
            for (long slot : InstructionCodec.encodeSlots(program)) {
                for (int i = 0; i < 8; i++) input.append(String.format("%02x", (slot >>> (8 * i)) & 0xff));
                input.append(' ');
            }
            input.append('\n');
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (String line : run(List.of(tool.toString()), input.toString()).split("\n")) {
            if (line.equals("OK")) {
                verdicts.add(new Verdict(true, 0, ""));
            } else {
                String[] parts = line.split(" ", 3);
                verdicts.add(new Verdict(false, Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : ""));
            }
        }
        if (verdicts.size() != programs.size()) {
            throw new AssertionError("the load tool answered " + verdicts.size() + " of " + programs.size() + " programs");
        }
        return verdicts;
    }

    /** Skips the test unless the kernel loads a trivial program. */
    static void requireKernel() {
        List<Instruction[]> trivial = new ArrayList<>();
        trivial.add(new Instruction[] {Instruction.of(0xb7, 0, 0, 0, 0), Instruction.of(0x95, 0, 0, 0, 0)});
        Verdict v = load(trivial).get(0);
        assumeTrue(v.loaded(), "the kernel does not load BPF programs here (errno " + v.errno() + " " + v.message()
                + "): the comparison with the kernel cannot run");
    }

    private static Path compiled;

    private static synchronized Path compile() {
        if (compiled != null) return compiled;
        boolean cc = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) cc |= Files.isExecutable(Path.of(dir, "cc"));
        assumeTrue(cc, "no C compiler (cc) to build the kernel load tool: the comparison with the kernel cannot run");
        try {
            Path source = Path.of(KernelLoadOracle.class.getResource("/isa/kernel/bpf_load_check.c").toURI());
            Path dir = Files.createTempDirectory("bpf-load-check");
            Path binary = dir.resolve("bpf_load_check");
            run(List.of("cc", "-O2", "-o", binary.toString(), source.toString()), "");
            binary.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            compiled = binary;
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread feeder = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process ended early; its exit status reports why
                }
            });
            feeder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + out);
            }
            feeder.join();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
