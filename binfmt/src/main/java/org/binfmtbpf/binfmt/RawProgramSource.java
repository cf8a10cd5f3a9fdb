package org.binfmtbpf.binfmt;

import java.util.List;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.isa.ProgramValidator;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;

/**
 * A program given as raw instruction slots (what the M/E converter generates, and what
 * {@code bpftool prog load} would get from a flat file): one function, no maps. Programs
 * that need maps, globals or BPF-to-BPF calls come from ELF objects instead.
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
        Instruction[] insns = InstructionCodec.decode(bytes);
        long[] imm64 = new long[insns.length];
        for (int pc = 0; pc < insns.length; pc++) {
            Instruction insn = insns[pc];
            if (insn.isLdImm64()) {
                if (insn.src() != Opcodes.PSEUDO_NONE) {
                    throw new IllegalArgumentException("program " + name + ": insn " + pc
                            + ": raw instruction programs cannot reference maps or functions (ld_imm64 src "
                            + insn.src() + "); load an ELF object");
                }
                imm64[pc] = insn.imm64();
                pc++;
            } else if (insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() != Opcodes.CALL_HELPER) {
                throw new IllegalArgumentException("program " + name + ": insn " + pc
                        + ": raw instruction programs cannot make BPF-to-BPF or kfunc calls; load an ELF object");
            }
        }
        ProgramValidator.validate(insns);
        for (int pc = 0; pc < insns.length; pc++) {
            Instruction insn = insns[pc];
            if (insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && helpers.get(insn.imm()) == null) {
                throw new IllegalArgumentException("program " + name + ": insn " + pc + ": call to unknown helper "
                        + insn.imm() + " (not available to " + type.sectionName() + " programs)");
            }
        }
        // One function: its frame is the whole stack, since nothing is called below it.
        List<Subprogram> functions = List.of(new Subprogram(name, 0, insns.length, 512));
        return new Program(name, type, insns, imm64, functions, helpers, List.of(), null, "GPL");
    }
}
