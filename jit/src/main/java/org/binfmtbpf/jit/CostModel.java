package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;

/**
 * Upper estimates of the bytecode one eBPF instruction turns into, so functions can be cut
 * into methods below HotSpot's HugeMethodLimit (8,000 bytes) before any code is emitted.
 * The estimates include what an instruction may add at the method's end (the spill stub of
 * a branch leaving the chunk, the handler of a helper call). {@code JitCompiler} measures
 * the real sizes and recompiles with a smaller budget should an estimate ever fall short.
 */
final class CostModel {
    private CostModel() {}

    /** HotSpot's default HugeMethodLimit: larger methods are never compiled. */
    static final int HUGE_METHOD_LIMIT = 8000;
    /**
     * A function estimated at most this large stays one method. The estimates run about 2.7
     * times the real size on long generated functions (14,000 estimated bytes gave methods of
     * at most ~5,250), so this stays below the limit; the compiler re-checks anyway.
     */
    static final int METHOD_BUDGET = 15_000;
    /** Target (estimated) size of one chunk method. */
    static final int CHUNK_BUDGET = 14_000;
    /** Prologue of a chunk: reloading eleven registers and the entry switch. */
    static final int CHUNK_OVERHEAD = 160;
    /** Storing eleven registers and returning a transfer code. */
    static final int SPILL_STUB = 80;

    /** A budget tick before each instruction of counted code. */
    static final int TICK = 8;

    static int estimate(ProgramPlan plan, int pc) {
        return estimate(plan.program.insn(pc)) + (plan.counted ? TICK : 0);
    }

    static int estimate(Instruction insn) {
        int op = insn.opcode();
        return switch (cls(op)) {
            case CLASS_ALU, CLASS_ALU64 -> 24;
            case CLASS_LD -> insn.isLdImm64() ? 24 : 48;
            case CLASS_LDX, CLASS_ST -> 36;
            case CLASS_STX -> mode(op) == MODE_ATOMIC ? 48 : 36;
            default -> jumpCost(insn);
        };
    }

    private static int jumpCost(Instruction insn) {
        if (InstructionKind.isLocalCall(insn)) {
            return 90;
        }
        if (InstructionKind.isCall(insn)) {
            return 110;
        }
        if (InstructionKind.isExit(insn)) {
            return 12;
        }
        return 40 + SPILL_STUB;
    }

    /** True when {@code insn} may assign register {@code r}. */
    static boolean writesRegister(Instruction insn, int r) {
        int op = insn.opcode();
        return switch (cls(op)) {
            case CLASS_ALU, CLASS_ALU64, CLASS_LDX -> insn.dst() == r;
            case CLASS_LD -> insn.isLdImm64() ? insn.dst() == r : r <= 5;
            case CLASS_STX -> mode(op) == MODE_ATOMIC && (insn.imm() & ATOMIC_FETCH) != 0
                    && (insn.imm() == ATOMIC_CMPXCHG ? r == 0 : insn.src() == r);
            case CLASS_JMP -> aluOp(op) == JMP_CALL && r <= 5;
            default -> false;
        };
    }
}
