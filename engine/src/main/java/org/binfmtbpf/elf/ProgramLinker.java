package org.binfmtbpf.elf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.btf.BtfExt;
import org.binfmtbpf.btf.LineInfo;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.SourceLine;

/**
 * Links one main program the way libbpf's bpf_object__reloc_code does (the program is then
 * validated, split into functions and its frames sized by {@link org.binfmtbpf.program.ProgramBuilder}): the main function's
 * instructions first; each {@code .text} function appended after them the first time it is
 * called (depth first: a callee's own callees are appended before the caller's next call is
 * looked at), once per main program; every call's imm rewritten to reach the appended copy.
 * Map and global data LD_IMM64s get the src libbpf gives them (1 map, 2 map value), imm =
 * the map's index in the object (standing in for the fd) and, for values, the second imm =
 * the offset; {@code imm64} holds the real address.
 */
final class ProgramLinker {
    /** What a linked program is made of, slot by slot. */
    record Linked(Instruction[] insns, long[] imm64, SourceLine[] lines, Map<Integer, String> functionNames, long[] fileOffsets,
                  String[] sections) {
        /** Where slot {@code pc} of the linked program came from, for error messages. */
        ElfFormatException error(int pc, String problem) {
            int at = pc >= 0 && pc < fileOffsets.length ? pc : 0;
            return ElfFormatException.at("section '" + sections[at] + "'", fileOffsets[at], problem);
        }
    }

    private final CodeSection text;
    private final List<BpfMap> maps;
    private final BtfExt ext;

    private final List<Instruction> insns = new ArrayList<>();
    private final List<Long> imm64 = new ArrayList<>();
    private final List<SourceLine> lines = new ArrayList<>();
    private final Map<CodeFunction, Integer> placed = new IdentityHashMap<>();
    private final List<CodeFunction> order = new ArrayList<>();

    ProgramLinker(CodeSection text, List<BpfMap> maps, BtfExt ext) {
        this.text = text;
        this.maps = maps;
        this.ext = ext;
    }

    Linked link(CodeFunction main) {
        Deque<int[]> stack = new ArrayDeque<>(); // {function index in order, next slot}
        append(main);
        stack.push(new int[] {0, main.start()});
        while (!stack.isEmpty()) {
            int[] frame = stack.peek();
            CodeFunction f = order.get(frame[0]);
            if (frame[1] >= f.end()) {
                stack.pop();
                continue;
            }
            int slot = frame[1];
            Instruction insn = f.section().slot(slot);
            frame[1] += insn.isLdImm64() ? 2 : 1;
            CodeFunction target = callTarget(f, slot, insn);
            if (target == null) {
                continue;
            }
            if (!placed.containsKey(target)) {
                append(target);
                stack.push(new int[] {order.size() - 1, target.start()});
            }
            int at = placed.get(f) + (slot - f.start());
            int relative = placed.get(target) - at - 1;
            Instruction linked = insns.get(at);
            Instruction fixed = new Instruction(linked.opcode(), linked.dst(), linked.src(), linked.off(), relative, linked.imm2());
            insns.set(at, fixed);
            if (insn.isLdImm64()) {
                imm64.set(at, (long) placed.get(target));
            }
        }
        Map<Integer, String> functionNames = new HashMap<>();
        Instruction[] all = insns.toArray(new Instruction[0]);
        for (CodeFunction f : order) {
            functionNames.put(placed.get(f), f.name());
        }
        long[] values = new long[imm64.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = imm64.get(i);
        }
        long[] fileOffsets = new long[all.length];
        String[] sections = new String[all.length];
        for (CodeFunction f : order) {
            int start = placed.get(f);
            for (int i = 0; i < f.end() - f.start(); i++) {
                fileOffsets[start + i] = f.section().section().offset() + (f.start() + i) * 8L;
                sections[start + i] = f.section().name();
            }
        }
        return new Linked(all, values, lines.toArray(new SourceLine[0]), functionNames, fileOffsets, sections);
    }

    /** Copies a function to the end of the program with its map and data relocations applied. */
    private void append(CodeFunction f) {
        int base = insns.size();
        placed.put(f, base);
        order.add(f);
        CodeSection code = f.section();
        for (int slot = f.start(); slot < f.end(); slot++) {
            Instruction insn = code.slot(slot);
            if (insn.isLdImm64() && slot + 1 >= f.end()) {
                throw ElfFormatException.at(code.section().label(), code.section().offset() + slot * 8L,
                        "LD_IMM64 at the end of function '" + f.name() + "' has no second slot");
            }
            CodeRelocation r = code.relocation(slot);
            if (r instanceof CodeRelocation.MapHandle h) {
                add(insn.opcode(), insn, 1, h.map(), 0, Address.of(maps.get(h.map()).handleId(), 0));
                add(0, code.slot(++slot), 0, 0, 0, 0);
            } else if (r instanceof CodeRelocation.MapValue v) {
                long offset = (insn.imm() + v.symbolOffset()) & 0xffffffffL;
                BpfMap map = maps.get(v.map());
                if (offset >= map.valueSize()) {
                    throw ElfFormatException.at(code.section().label(), code.section().offset() + slot * 8L,
                            "global data offset " + offset + " is beyond '" + map.name() + "' (" + map.valueSize() + " bytes)");
                }
                add(insn.opcode(), insn, 2, v.map(), (int) offset, ((ArrayMap) map).valueAddress(0) + offset);
                add(0, code.slot(++slot), 0, 0, (int) offset, 0);
            } else if (insn.isLdImm64()) {
                checkPlainLoad(code, slot, insn, r);
                // libbpf marks a relocated function address src 4 (clang leaves it 0); the call pass fixes imm
                insns.add(r instanceof CodeRelocation.FunctionAddress
                        ? new Instruction(insn.opcode(), insn.dst(), CodeSection.PSEUDO_FUNC, insn.off(), insn.imm(), insn.imm2())
                        : insn);
                imm64.add(insn.imm64());
                lines.add(null);
                insns.add(code.slot(++slot));
                imm64.add(0L);
                lines.add(null);
            } else {
                insns.add(insn);
                imm64.add(0L);
                lines.add(null);
            }
        }
        if (ext != null) {
            for (LineInfo li : ext.lineInfos(code.name())) {
                long slot = li.instructionOffset() / 8;
                if (li.instructionOffset() % 8 == 0 && slot >= f.start() && slot < f.end()) {
                    lines.set(base + (int) (slot - f.start()), new SourceLine(li.file(), li.line(), li.column(), li.text()));
                }
            }
        }
    }

    private void add(int opcode, Instruction like, int src, int imm, int imm2, long value) {
        insns.add(new Instruction(opcode, opcode == 0 ? 0 : like.dst(), src, opcode == 0 ? 0 : like.off(), opcode == 0 ? imm2 : imm,
                opcode == 0 ? 0 : imm2));
        imm64.add(value);
        lines.add(null);
    }

    /** An LD_IMM64 without a map relocation may only load a constant or (src 4) a function address. */
    private static void checkPlainLoad(CodeSection code, int slot, Instruction insn, CodeRelocation r) {
        if (insn.src() != 0 && insn.src() != CodeSection.PSEUDO_FUNC) {
            throw ElfFormatException.at(code.section().label(), code.section().offset() + slot * 8L,
                    "LD_IMM64 with pseudo source " + insn.src() + " has no relocation to give it a value");
        }
    }

    /** The .text function a call or function-address load at {@code slot} of {@code f} reaches, or null if none. */
    private CodeFunction callTarget(CodeFunction f, int slot, Instruction insn) {
        CodeSection code = f.section();
        CodeRelocation r = code.relocation(slot);
        boolean call = CodeSection.isCall(insn);
        boolean address = insn.isLdImm64() && (insn.src() == CodeSection.PSEUDO_FUNC || r instanceof CodeRelocation.FunctionAddress);
        if (!call && !address) {
            return null;
        }
        long target;
        if (r instanceof CodeRelocation.Call c) {
            target = c.symbolOffset() / 8 + insn.imm() + 1;
        } else if (r instanceof CodeRelocation.FunctionAddress a) {
            target = (a.symbolOffset() + insn.imm()) / 8;
        } else if (r == null) {
            if (code != text) {
                throw ElfFormatException.at(code.section().label(), code.section().offset() + slot * 8L,
                        "call without a relocation outside .text");
            }
            target = (long) slot + insn.imm() + 1; // a static callee in the same section
        } else {
            throw ElfFormatException.at(code.section().label(), code.section().offset() + slot * 8L,
                    "call relocated against a map");
        }
        CodeFunction callee = text == null || target < 0 || target >= text.length() ? null : text.functionAt((int) target);
        if (callee == null) {
            throw ElfFormatException.at(code.section().label(), code.section().offset() + slot * 8L,
                    (call ? "call" : "function address") + " targets .text instruction " + target + ", which is in no function");
        }
        return callee;
    }
}
