package org.binfmtbpf.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;

/** The programs the benchmarks run: the bundled qemu matcher and generated straight-line programs. */
public final class BenchPrograms {
    private BenchPrograms() {}

    /** The bundled 'B' program equal to Debian's 29 qemu registrations (cli's demo resource). */
    public static final String QEMU_OBJECT = "/org/binfmtbpf/cli/demo/qemu.bpf.o";

    /** The RFC's matcher from the engine's C corpus: builds /usr/bin/qemu-ARCH-static on the stack, calls helper 212. */
    public static final String PATH_OBJECT = "/org/binfmtbpf/bench/corpus/qemu_matcher.bpf.o";
    /** The corpus's ELF program-header walker: a bounded loop over the header's phdrs. */
    public static final String PHDR_OBJECT = "/org/binfmtbpf/bench/corpus/phdr_loop.bpf.o";

    /** The header programs the benchmarks compare, by the name their {@code program} parameter uses. */
    public static Program named(String name) {
        return switch (name) {
            case "qemu-table" -> qemuMatcher();
            case "qemu-path" -> binfmtProgram(PATH_OBJECT);
            case "phdr-walk" -> binfmtProgram(PHDR_OBJECT);
            default -> throw new IllegalArgumentException("no benchmark program " + name);
        };
    }

    public static byte[] qemuObject() {
        return resource(QEMU_OBJECT);
    }

    private static byte[] resource(String name) {
        try (InputStream in = BenchPrograms.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The qemu matcher, loaded as the binfmt type and verified, as `prog load` does. */
    public static Program qemuMatcher() {
        return binfmtProgram(QEMU_OBJECT);
    }

    /** The object's program in section {@code binfmt}, loaded and verified. */
    private static Program binfmtProgram(String object) {
        return verified(ElfLoader.load(resource(object), object, StandardHelpers.registry(), ProgramType.BINFMT)
                .programs().stream().filter(p -> p.program().type() == ProgramType.BINFMT).findFirst()
                .orElseThrow(() -> new IllegalStateException(object + " has no binfmt program")).program());
    }

    /**
     * A verifiable program of exactly {@code slots} instructions: header loads at constant
     * offsets, 64- and 32-bit ALU work on them, and forward branches, ending in exit. The mix
     * resembles a header matcher; the same seed gives the same program.
     */
    public static Program straightLine(int slots, long seed) {
        Random random = new Random(seed);
        List<Instruction> out = new ArrayList<>(slots);
        out.add(Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV | Opcodes.SRC_K, 0, 0, 0, 0));
        for (int r = 2; r <= 5; r++) {
            out.add(Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_MOV | Opcodes.SRC_K, r, 0, 0, r));
        }
        while (out.size() < slots - 1) {
            int remaining = slots - 1 - out.size();
            int dst = 2 + random.nextInt(4);
            int src = 2 + random.nextInt(4);
            switch (random.nextInt(6)) {
                case 0 -> out.add(Instruction.of(Opcodes.CLASS_LDX | Opcodes.MODE_MEM | Opcodes.SIZE_W, dst, 1, 4 * random.nextInt(64), 0));
                case 1 -> out.add(Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_XOR | Opcodes.SRC_X, dst, src, 0, 0));
                case 2 -> out.add(Instruction.of(Opcodes.CLASS_ALU | Opcodes.ALU_ADD | Opcodes.SRC_K, dst, 0, 0, random.nextInt()));
                case 3 -> out.add(Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_AND | Opcodes.SRC_K, dst, 0, 0, random.nextInt(0xffff)));
                case 4 -> out.add(Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_OR | Opcodes.SRC_X, 0, dst, 0, 0));
                default -> {
                    int skip = Math.min(remaining - 1, 1 + random.nextInt(4));
                    if (skip > 0) {
                        out.add(Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_JEQ | Opcodes.SRC_K, dst, 0, skip, random.nextInt(16)));
                    } else {
                        out.add(Instruction.of(Opcodes.CLASS_ALU64 | Opcodes.ALU_ADD | Opcodes.SRC_K, 0, 0, 0, 1));
                    }
                }
            }
        }
        out.add(Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0));
        Instruction[] slotsForm = InstructionCodec.toSlots(out);
        return verified(ProgramBuilder.of("straight" + slots, ProgramType.BINFMT, slotsForm, StandardHelpers.registry()).build());
    }

    /** Benchmarks run only what `prog load` would accept. */
    private static Program verified(Program p) {
        try {
            Verifier.verify(p);
            return p;
        } catch (VerificationException e) {
            throw new IllegalStateException(p.name() + " is refused by the verifier: " + e.getMessage(), e);
        }
    }
}
