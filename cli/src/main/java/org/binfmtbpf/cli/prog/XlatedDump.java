package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.util.List;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.SourceLine;
import org.binfmtbpf.program.Subprogram;

/**
 * {@code bpftool prog dump xlated}: each function under its name, each instruction as
 * {@code %4d: } plus the kernel's syntax, and before the instructions of each new line-info
 * record the C source line ({@code ; text}), with {@code linum} its file, line and column.
 * LD_IMM64 takes two slots, so its second index is skipped, as in bpftool.
 */
final class XlatedDump {
    private XlatedDump() {}

    /** @param mapIds the id shown for each of the program's maps, in {@link Program#maps()} order */
    static void print(PrintWriter out, Program program, List<Integer> mapIds, boolean linum) {
        SourceLine last = null;
        for (Subprogram f : program.functions()) {
            out.println(f.name() + ":");
            for (int pc = f.start(); pc < f.end(); pc++) {
                SourceLine line = program.line(pc);
                if (line != null && !line.equals(last)) {
                    out.print("; " + line.text());
                    if (linum) {
                        out.printf(" [file:%s line_num:%d line_col:%d]", line.file(), line.line(), line.column());
                    }
                    out.println();
                }
                last = line != null ? line : last;
                Instruction insn = program.insn(pc);
                out.printf("%4d: %s%n", pc, KernelSyntax.of(insn, id -> helperName(program, id),
                        insn.isLdImm64() ? imm64Text(program, pc, mapIds) : null));
                if (insn.isLdImm64()) {
                    pc++;
                }
            }
        }
        out.flush();
    }

    /** The same as JSON: one object per instruction, with its source position when known. */
    static java.util.List<java.util.Map<String, Object>> json(Program program, List<Integer> mapIds) {
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (Subprogram f : program.functions()) {
            for (int pc = f.start(); pc < f.end(); pc++) {
                Instruction insn = program.insn(pc);
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("function", f.name());
                m.put("pc", pc);
                m.put("disasm", KernelSyntax.of(insn, id -> helperName(program, id),
                        insn.isLdImm64() ? imm64Text(program, pc, mapIds) : null));
                SourceLine line = program.line(pc);
                if (line != null) {
                    m.put("src", line.text());
                    m.put("file", line.file());
                    m.put("line_num", line.line());
                    m.put("line_col", line.column());
                }
                out.add(m);
                if (insn.isLdImm64()) {
                    pc++;
                }
            }
        }
        return out;
    }

    static String helperName(Program program, int id) {
        Helper h = program.helpers() != null ? program.helpers().get(id) : null;
        if (h == null) {
            return null;
        }
        return h.name().startsWith("bpf_") ? h.name() : "bpf_" + h.name();
    }

    /** What the kernel shows for a relocated wide load: the map's id, or the plain value. */
    private static String imm64Text(Program program, int pc, List<Integer> mapIds) {
        Instruction insn = program.insn(pc);
        long value = program.imm64(pc);
        int index = program.mapIndexAt(pc);
        if (index >= 0 && (insn.src() == Opcodes.PSEUDO_MAP_FD || insn.src() == Opcodes.PSEUDO_MAP_IDX)) {
            return "map[id:" + mapIds.get(index) + "]";
        }
        if (index >= 0) {
            long first = MapReferences.firstValue(program.maps().get(index));
            return "map[id:" + mapIds.get(index) + "][0]+" + (Address.offset(value) - Address.offset(first));
        }
        if (insn.src() == Opcodes.PSEUDO_FUNC) {
            return String.format("subprog[%+d]", insn.imm());
        }
        return "0x" + Long.toHexString(value);
    }
}
