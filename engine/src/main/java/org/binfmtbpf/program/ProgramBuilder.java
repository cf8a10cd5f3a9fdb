package org.binfmtbpf.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.isa.ProgramValidator;
import org.binfmtbpf.maps.BpfMap;

/**
 * Builds a {@link Program} from instruction slots: validates them
 * ({@link ProgramValidator}), refuses calls to helpers the registry does not have, splits
 * the program into functions and sizes each function's stack frame.
 *
 * <p>The 64-bit value of a plain LD_IMM64 (src 0) is its immediate. Pseudo sources (maps,
 * map values, variables, functions) are resolved by whoever loaded the object, which passes
 * the relocated values with {@link #imm64(long[])}; a pseudo LD_IMM64 without one is refused.
 */
public final class ProgramBuilder {
    private final String name;
    private final ProgramType type;
    private final Instruction[] insns;
    private final HelperRegistry helpers;
    private long[] relocated;
    private List<BpfMap> maps = List.of();
    private SourceLine[] lines;
    private Map<Integer, String> functionNames = Map.of();
    private String license = "GPL";

    private ProgramBuilder(String name, ProgramType type, Instruction[] insns, HelperRegistry helpers) {
        this.name = name;
        this.type = type;
        this.insns = insns.clone();
        this.helpers = helpers;
    }

    /** A builder for the program {@code insns} (slot form, as {@code InstructionCodec.decode} gives). */
    public static ProgramBuilder of(String name, ProgramType type, Instruction[] insns, HelperRegistry helpers) {
        return new ProgramBuilder(name, type, insns, helpers);
    }

    /** Relocated values of the LD_IMM64 slots with a pseudo source, indexed by slot; other entries are ignored. */
    public ProgramBuilder imm64(long[] values) {
        this.relocated = values.clone();
        return this;
    }

    public ProgramBuilder maps(List<BpfMap> maps) {
        this.maps = List.copyOf(maps);
        return this;
    }

    /** Source lines by slot (may contain nulls). */
    public ProgramBuilder lines(SourceLine[] lines) {
        this.lines = lines.clone();
        return this;
    }

    /** Names of functions by their first slot (from the object's symbols). */
    public ProgramBuilder functionNames(Map<Integer, String> names) {
        this.functionNames = Map.copyOf(names);
        return this;
    }

    public ProgramBuilder license(String license) {
        this.license = license;
        return this;
    }

    /**
     * Validates and builds the program.
     *
     * @throws InvalidProgramException naming the instruction index when the program is refused
     */
    public Program build() {
        ProgramValidator.validate(insns);
        checkHelpers();
        long[] imm64 = immediates();
        List<Subprogram> functions = functions(ProgramValidator.functionStarts(insns));
        return new Program(name, type, insns, imm64, functions, helpers, maps, lines, license);
    }

    private void checkHelpers() {
        for (int pc = 0; pc < insns.length; pc += insns[pc].slots()) {
            Instruction insn = insns[pc];
            boolean helperCall = insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_HELPER;
            if (helperCall && helpers.get(insn.imm()) == null) {
                throw new InvalidProgramException(pc, insn, "unknown helper " + insn.imm()
                        + " (this program type's helpers: " + helperIds() + ")");
            }
        }
    }

    private String helperIds() {
        StringBuilder sb = new StringBuilder();
        helpers.all().forEach(h -> sb.append(sb.length() == 0 ? "" : ", ").append(h.id()));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private long[] immediates() {
        long[] out = new long[insns.length];
        for (int pc = 0; pc < insns.length; pc += insns[pc].slots()) {
            Instruction insn = insns[pc];
            if (!insn.isLdImm64()) {
                continue;
            }
            if (insn.src() == Opcodes.PSEUDO_NONE) {
                out[pc] = insn.imm64();
            } else if (relocated != null && pc < relocated.length) {
                out[pc] = relocated[pc];
            } else {
                throw new InvalidProgramException(pc, insn, "LD_IMM64 with pseudo source " + insn.src()
                        + " has no relocated value (it needs the object loader)");
            }
        }
        return out;
    }

    private List<Subprogram> functions(int[] starts) {
        List<Subprogram> out = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            int start = starts[i];
            int end = i + 1 < starts.length ? starts[i + 1] : insns.length;
            String fname = functionNames.getOrDefault(start, start == 0 ? "main" : "f" + start);
            out.add(new Subprogram(fname, start, end, frameSize(StackUsage.of(insns, start, end))));
        }
        return out;
    }

    /**
     * The frame a function occupies: its stack depth rounded up to 32 bytes, at least 32, as
     * the kernel's interpreter lays out frames ({@code round_up(max(depth, 1), 32)} in
     * verifier.c's check_max_stack_depth); 512 stays 512.
     */
    static int frameSize(int depth) {
        return (Math.max(depth, 1) + 31) & ~31;
    }
}
