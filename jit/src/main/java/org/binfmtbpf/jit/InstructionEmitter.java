package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;

/** Sends each instruction to the emitter of its class. */
final class InstructionEmitter {
    private InstructionEmitter() {}

    static void emit(MethodEmitter m, Instruction insn, int pc) {
        boolean done = switch (insn.cls()) {
            case CLASS_ALU, CLASS_ALU64 -> AluEmitter.emit(m, insn);
            case CLASS_JMP, CLASS_JMP32 -> InstructionKind.isCall(insn) ? CallEmitter.emit(m, insn, pc) : BranchEmitter.emit(m, insn, pc);
            default -> MemoryEmitter.emit(m, insn, pc);
        };
        if (!done) {
            invalid(m, insn, pc);
        }
    }

    /** An instruction the load-time validator should have refused: fail when it is reached. */
    static void invalid(MethodEmitter m, Instruction insn, int pc) {
        m.pushInt(insn.opcode());
        m.pushInt(pc);
        m.invokeStatic(ClassContext.RUNTIME, "invalidInstruction", "(II)Lorg/binfmtbpf/run/BpfFault;");
        m.mv.visitInsn(org.objectweb.asm.Opcodes.ATHROW);
    }
}
