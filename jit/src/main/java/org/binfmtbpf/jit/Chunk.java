package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.program.Subprogram;

/**
 * A run of instructions {@code [start, end)} of one function compiled into one method. Control
 * enters a chunk only at its {@link #entries()}: its first instruction and every instruction
 * that a branch in another chunk targets. A transfer to another chunk is encoded as
 * {@code chunkIndex << 16 | entryIndex}.
 */
final class Chunk {
    private final int index;
    private final int start;
    private final int end;
    private List<Integer> entries = List.of();

    Chunk(int index, int start, int end) {
        this.index = index;
        this.start = start;
        this.end = end;
    }

    int index() { return index; }
    int start() { return start; }
    int end() { return end; }
    List<Integer> entries() { return entries; }

    boolean contains(int pc) {
        return pc >= start && pc < end;
    }

    /** The transfer code for entering this chunk at {@code pc}, which must be an entry. */
    int transferCode(int pc) {
        int e = Collections.binarySearch(entries, pc);
        if (e < 0) {
            throw new IllegalStateException("pc " + pc + " is not an entry of chunk " + index);
        }
        return index << 16 | e;
    }

    /** Sets the entries of every chunk of function {@code f} in one pass over its branches. */
    static void collectEntries(ProgramPlan plan, Subprogram f, List<Chunk> chunks, FunctionPlan fn) {
        List<TreeSet<Integer>> es = new ArrayList<>();
        for (Chunk c : chunks) {
            TreeSet<Integer> s = new TreeSet<>();
            s.add(c.start);
            es.add(s);
        }
        if (chunks.size() > 1) {
            for (int pc = f.start(); pc < f.end(); pc++) {
                Instruction insn = plan.program.insn(pc);
                if (!plan.instructionStart[pc] || !InstructionKind.isBranch(insn)) {
                    continue;
                }
                int t = InstructionKind.jumpTarget(insn, pc);
                if (t < f.start() || t >= f.end()) {
                    continue; // MethodEmitter reports it
                }
                Chunk to = fn.chunkAt(t);
                if (!to.contains(pc)) {
                    es.get(to.index).add(t);
                }
            }
        }
        for (Chunk c : chunks) {
            c.entries = List.copyOf(es.get(c.index));
            if (c.entries.size() > 0xffff) {
                throw new IllegalStateException("chunk " + c.index + " has too many entries");
            }
        }
    }
}
