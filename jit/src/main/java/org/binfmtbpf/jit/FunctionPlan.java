package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.program.Subprogram;

/**
 * One BPF function in JVM methods. A function whose estimated bytecode fits
 * {@link CostModel#METHOD_BUDGET} is one static method with the registers in locals. A larger
 * one is cut into {@link Chunk}s at instruction boundaries (preferring basic-block starts);
 * each chunk is a method of its own and a driver method loops over them (see
 * {@code ClassGenerator}), so no method passes HotSpot's 8,000-byte compile limit.
 */
final class FunctionPlan {
    final int index;
    final Subprogram function;
    final List<Chunk> chunks;
    /** True when any instruction writes r10: then r10-relative accesses are not provably on this frame. */
    final boolean writesFramePointer;

    private FunctionPlan(int index, Subprogram function, List<Chunk> chunks, boolean writesFramePointer) {
        this.index = index;
        this.function = function;
        this.chunks = chunks;
        this.writesFramePointer = writesFramePointer;
    }

    boolean chunked() {
        return chunks.size() > 1;
    }

    /** The chunk containing {@code pc}. */
    Chunk chunkAt(int pc) {
        int lo = 0;
        int hi = chunks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks.get(mid).start() <= pc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return chunks.get(lo);
    }

    static FunctionPlan of(ProgramPlan plan, int index, Subprogram f, int chunkBudget) {
        boolean writesFp = false;
        int total = 0;
        for (int pc = f.start(); pc < f.end(); pc++) {
            if (!plan.instructionStart[pc]) {
                continue;
            }
            writesFp |= CostModel.writesRegister(plan.program.insn(pc), 10);
            total += CostModel.estimate(plan, pc);
        }
        List<Chunk> chunks = new ArrayList<>();
        if (total <= CostModel.METHOD_BUDGET * chunkBudget / CostModel.CHUNK_BUDGET) {
            chunks.add(new Chunk(0, f.start(), f.end()));
        } else {
            cut(plan, f, chunkBudget, chunks);
        }
        FunctionPlan fn = new FunctionPlan(index, f, List.copyOf(chunks), writesFp);
        Chunk.collectEntries(plan, f, fn.chunks, fn);
        return fn;
    }

    /**
     * Greedy cut: fill a chunk block by block; a block that alone overflows the budget is cut
     * at instruction granularity. A cut between instructions is an ordinary fall-through edge.
     */
    private static void cut(ProgramPlan plan, Subprogram f, int budget, List<Chunk> out) {
        int start = f.start();
        int size = CostModel.CHUNK_OVERHEAD;
        int pc = f.start();
        while (pc < f.end()) {
            int blockEnd = pc + 1;
            int blockCost = 0;
            for (int q = pc; q < f.end() && (q == pc || !plan.blockStart[q]); q++) {
                if (plan.instructionStart[q]) {
                    blockCost += CostModel.estimate(plan, q);
                }
                blockEnd = q + 1;
            }
            if (size + blockCost <= budget || pc == start && blockCost <= budget) {
                size += blockCost;
                pc = blockEnd;
                continue;
            }
            if (pc > start) {
                out.add(new Chunk(out.size(), start, pc));
                start = pc;
                size = CostModel.CHUNK_OVERHEAD;
                continue;
            }
            // A block larger than a whole chunk: cut it by instructions.
            for (int q = pc; q < blockEnd; q++) {
                if (!plan.instructionStart[q]) {
                    continue;
                }
                int c = CostModel.estimate(plan, q);
                if (size + c > budget && q > start) {
                    out.add(new Chunk(out.size(), start, q));
                    start = q;
                    size = CostModel.CHUNK_OVERHEAD;
                }
                size += c;
            }
            pc = blockEnd;
        }
        out.add(new Chunk(out.size(), start, f.end()));
    }
}
