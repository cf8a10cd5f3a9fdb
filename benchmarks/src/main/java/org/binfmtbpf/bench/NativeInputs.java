package org.binfmtbpf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.binfmtbpf.cli.tools.ElfObjectWriter;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.Opcodes;

/**
 * Writes, as files, the inputs of the JMH benchmarks that live only in Java, so that
 * {@code benchmarks/native/run.sh} can give uBPF and the kernel exactly what JMH gives our
 * engines:
 * <ul>
 *   <li>{@code NAME.hdr}: the 256-byte header {@link SampleHeaders#named} builds, for each
 *       header the benchmarks use;</li>
 *   <li>{@code straight4096.bpf.o}: {@code LargeProgramBenchmark}'s generated program as an
 *       ELF object (function {@code straight4096} in section {@code binfmt});</li>
 *   <li>{@code straight4096.xdp.bpf.o}: its kernel twin, the same instructions behind
 *       {@link #XDP_PROLOGUE_LENGTH} instructions that point r1 at the packet (the header) after
 *       the bounds check the kernel demands, so that {@code bpftool prog run ... repeat N}
 *       times it inside the kernel.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar org.binfmtbpf.bench.NativeInputs DIR}.
 */
public final class NativeInputs {
    private NativeInputs() {}

    /** HeaderMatchBenchmark's headers; LargeProgramBenchmark runs on "host". */
    public static final List<String> HEADERS = List.of("aarch64", "s390x", "host");

    /** LargeProgramBenchmark's program: {@code BenchPrograms.straightLine(4096, 42)}. */
    public static final int LARGE_SLOTS = 4096;
    public static final long LARGE_SEED = 42;
    public static final String LARGE_NAME = "straight" + LARGE_SLOTS;

    public static final int XDP_PROLOGUE_LENGTH = 7;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NativeInputs DIR");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String header : HEADERS) {
            Files.write(dir.resolve(header + ".hdr"), SampleHeaders.named(header));
        }
        Instruction[] large = BenchPrograms.straightLine(LARGE_SLOTS, LARGE_SEED).instructions();
        Files.write(dir.resolve(LARGE_NAME + ".bpf.o"), object("binfmt", large));
        Files.write(dir.resolve(LARGE_NAME + ".xdp.bpf.o"), object("xdp", xdpTwin(large)));
    }

    private static byte[] object(String section, Instruction[] slots) {
        return ElfObjectWriter.write(List.of(new ElfObjectWriter.Function(LARGE_NAME, section, InstructionCodec.encode(slots))), "GPL");
    }

    /**
     * {@code body} as an XDP program: r1 becomes the packet start once the kernel knows 256
     * bytes are there; a shorter packet returns 0. The body's jumps are relative, so they are
     * unchanged, and it uses r1 only as the header pointer.
     */
    static Instruction[] xdpTwin(Instruction[] body) {
        List<Instruction> out = new ArrayList<>(List.of(
                Instruction.of(Opcodes.CLASS_LDX | Opcodes.MODE_MEM | Opcodes.SIZE_W, 2, 1, 4, 0), // r2 = xdp_md.data_end
                Instruction.of(Opcodes.CLASS_LDX | Opcodes.MODE_MEM | Opcodes.SIZE_W, 1, 1, 0, 0), // r1 = xdp_md.data
                Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV | Opcodes.SRC_X, 3, 1, 0, 0),
                Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_ADD | Opcodes.SRC_K, 3, 0, 0, SampleHeaders.SIZE),
                Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JLE | Opcodes.SRC_X, 3, 2, 2, 0), // data + 256 <= data_end
                Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV | Opcodes.SRC_K, 0, 0, 0, 0),
                Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0)));
        out.addAll(Arrays.asList(body));
        return out.toArray(Instruction[]::new);
    }
}
