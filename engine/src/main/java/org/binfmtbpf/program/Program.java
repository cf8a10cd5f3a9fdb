package org.binfmtbpf.program;

import java.util.List;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.mem.Address;

/**
 * A loaded program: the one notion of "a program" that the verifier, both engines, the
 * binfmt search loop and the CLI share. Immutable.
 *
 * <ul>
 *   <li>{@code insns} is indexed by slot, as the kernel and llvm-objdump number instructions:
 *       the second slot of LD_IMM64 is present (opcode 0) and never executed.</li>
 *   <li>{@code imm64} holds, for each LD_IMM64 slot, the value the instruction loads after
 *       relocation: the plain immediate, a map handle address, or a map value address.
 *       Engines read it instead of decoding pseudo sources at run time.</li>
 *   <li>{@code functions} lists the main program first, then each BPF-to-BPF callee, with
 *       its frame size.</li>
 * </ul>
 */
public final class Program {
    private final String name;
    private final ProgramType type;
    private final Instruction[] insns;
    private final long[] imm64;
    private final List<Subprogram> functions;
    private final HelperRegistry helpers;
    private final List<BpfMap> maps;
    private final SourceLine[] lines;
    private final String license;
    private final int stackUse;
    private final boolean headerContext;

    /** MAX_BPF_STACK: what a whole call chain may use. */
    private static final int MAX_STACK = 512;

    public Program(String name, ProgramType type, Instruction[] insns, long[] imm64, List<Subprogram> functions,
                   HelperRegistry helpers, List<BpfMap> maps, SourceLine[] lines, String license) {
        if (imm64.length != insns.length || (lines != null && lines.length != insns.length)) {
            throw new IllegalArgumentException("per-slot tables must match the instruction count");
        }
        this.name = name;
        this.type = type;
        this.insns = insns.clone();
        this.imm64 = imm64.clone();
        this.functions = List.copyOf(functions);
        this.helpers = helpers;
        this.maps = List.copyOf(maps);
        this.lines = lines == null ? new SourceLine[insns.length] : lines.clone();
        this.license = license;
        this.stackUse = functions.isEmpty() ? MAX_STACK
                : Math.min(MAX_STACK, functions.stream().mapToInt(Subprogram::stackSize).sum());
        this.headerContext = type.headerContext();
    }

    public String name() { return name; }
    public ProgramType type() { return type; }
    /** {@code type().headerContext()}, one load nearer: every run's {@code Invocation.begin} asks. */
    public boolean headerContext() { return headerContext; }
    public int length() { return insns.length; }
    public Instruction insn(int pc) { return insns[pc]; }
    /** A copy of the instruction slots. */
    public Instruction[] instructions() { return insns.clone(); }
    /** The relocated 64-bit value of the LD_IMM64 at {@code pc}. */
    public long imm64(int pc) { return imm64[pc]; }
    public List<Subprogram> functions() { return functions; }
    public HelperRegistry helpers() { return helpers; }
    public List<BpfMap> maps() { return maps; }
    /** The C source line of slot {@code pc}, or null when the object had no line info for it. */
    public SourceLine line(int pc) { return lines[pc]; }
    public String license() { return license; }

    /**
     * The most stack bytes, counted down from the top, that any run of this program can
     * touch: the sum of its functions' frames (a bound on every call chain), at most 512.
     */
    public int stackUse() { return stackUse; }

    /** The frame of the main function: its stack size, or the whole stack when no functions are listed. */
    public int mainFrameSize() {
        return functions.isEmpty() ? MAX_STACK : functions.get(0).stackSize();
    }

    /** The function containing {@code pc}. */
    public Subprogram functionAt(int pc) {
        for (Subprogram f : functions) {
            if (f.contains(pc)) {
                return f;
            }
        }
        throw new IllegalArgumentException("pc " + pc + " is in no function");
    }

    /**
     * The index in {@link #maps()} of the map the LD_IMM64 at {@code pc} names, or -1 when it
     * names none of them: by index for sources 5 and 6 (as the object file names maps) and 2
     * (the loader leaves the index in imm, as libbpf does before it swaps in the fd); by the
     * relocated handle for source 1, else by its imm as an index. The verifier's typing of the
     * load and the tools' listing of a program's maps both ask this one method.
     */
    public int mapIndexAt(int pc) {
        Instruction insn = insns[pc];
        int imm = insn.imm();
        int byIndex = imm >= 0 && imm < maps.size() ? imm : -1;
        return switch (insn.src()) {
            case Opcodes.PSEUDO_MAP_IDX, Opcodes.PSEUDO_MAP_IDX_VALUE, Opcodes.PSEUDO_MAP_VALUE -> byIndex;
            case Opcodes.PSEUDO_MAP_FD -> {
                int region = Address.region(imm64[pc]);
                for (int i = 0; i < maps.size(); i++) {
                    if (maps.get(i).handleId() == region) {
                        yield i;
                    }
                }
                yield byIndex;
            }
            default -> -1;
        };
    }
}
