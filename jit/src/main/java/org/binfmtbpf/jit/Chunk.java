package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
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

    void collectEntries(ProgramPlan plan, Subprogram f) {
        List<Integer> es = new ArrayList<>();
        es.add(start);
        for (int pc = f.start(); pc < f.end(); pc++) {
            if (!plan.instructionStart[pc] || contains(pc)) {
                continue;
            }
            Instruction insn = plan.program.insn(pc);
            if (Jumps.isBranch(insn)) {
                int t = Jumps.target(insn, pc);
                if (contains(t) && t != start) {
                    es.add(t);
                }
            }
        }
        Collections.sort(es);
        entries = List.copyOf(new java.util.TreeSet<>(es));
        if (entries.size() > 0xffff) {
            throw new IllegalStateException("chunk " + index + " has too many entries");
        }
    }
}
