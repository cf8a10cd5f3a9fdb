package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;

/**
 * Facts provable without a verifier: in a function that never assigns r10, r10 is its frame
 * pointer throughout, and a plain load or store at {@code r10 + off} with
 * {@code -frameSize <= off <= -size} touches only that frame. Such an access can never fault
 * (the frame is always between the stack floor and the top, see {@code JitRuntime.enterCall}),
 * so it reads the stack array directly.
 */
final class FramePointerFacts implements AccessFacts {
    private final ProgramPlan plan;

    FramePointerFacts(ProgramPlan plan) {
        this.plan = plan;
    }

    @Override
    public ProvenAccess at(int pc) {
        Program p = plan.program;
        Instruction insn = p.insn(pc);
        int c = insn.cls();
        int base;
        if (c == CLASS_LDX && (mode(insn.opcode()) == MODE_MEM || mode(insn.opcode()) == MODE_MEMSX)) {
            base = insn.src();
        } else if ((c == CLASS_ST || c == CLASS_STX) && mode(insn.opcode()) == MODE_MEM) {
            base = insn.dst();
        } else {
            return ProvenAccess.UNKNOWN;
        }
        if (base != 10) {
            return ProvenAccess.UNKNOWN;
        }
        FunctionPlan f = plan.functions.get(plan.functionIndexAt(pc));
        int frame = Math.min(f.function.stackSize(), org.binfmtbpf.run.Invocation.STACK_SIZE);
        int off = insn.off();
        if (f.writesFramePointer || off < -frame || off > -sizeBytes(insn.opcode())) {
            return ProvenAccess.UNKNOWN;
        }
        return new ProvenAccess.StackSlot(off);
    }
}
