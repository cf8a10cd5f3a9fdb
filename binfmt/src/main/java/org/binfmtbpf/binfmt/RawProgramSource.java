package org.binfmtbpf.binfmt;

import java.util.List;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;

/**
 * A program given as raw instruction slots (what the M/E converter generates, and what
 * {@code bpftool prog load} would get from a flat file): no maps or global data (those come
 * from ELF objects); BPF-to-BPF calls are fine.
 */
public record RawProgramSource(String name, ProgramType type, byte[] bytes) implements ProgramSource {
    public static final String KIND = "insns";

    public RawProgramSource {
        bytes = bytes.clone();
    }

    /** From logical instructions (LD_IMM64 as one element). */
    public static RawProgramSource of(String name, ProgramType type, List<Instruction> logical) {
        return new RawProgramSource(name, type, InstructionCodec.encode(InstructionCodec.toSlots(logical)));
    }

    /** From slots, as {@code InstructionCodec.decode} or the assembler give them. */
    public static RawProgramSource ofSlots(String name, ProgramType type, Instruction[] slots) {
        return new RawProgramSource(name, type, InstructionCodec.encode(slots));
    }

    @Override public String kind() { return KIND; }
    @Override public byte[] bytes() { return bytes.clone(); }

    @Override
    public Program load(HelperRegistry helpers) {
        if (bytes.length == 0 || bytes.length % 8 != 0) {
            throw new IllegalArgumentException("program " + name + ": " + bytes.length
                    + " bytes is not a whole, non-empty number of 8-byte instructions");
        }
        // Validates, refuses unknown helpers and pseudo LD_IMM64 (no object loader here), splits functions.
        return ProgramBuilder.of(name, type, InstructionCodec.decode(bytes), helpers).build();
    }
}
