package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import org.binfmtbpf.isa.Instruction;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * LD (LD_IMM64, LD_ABS, LD_IND), LDX, ST, STX and the atomics. Every access goes through
 * {@code mem.Memory} (the interpreter's code, which owns bounds checks and fault messages)
 * unless {@link AccessFacts} proves it stays inside a known array (context, stack, or an
 * array map's values); then it reads or writes that array directly. Atomics always check.
 */
final class MemoryEmitter implements Opcodes {
    private MemoryEmitter() {}

    private static final String LOAD = "(Lorg/binfmtbpf/run/Invocation;JII)J";
    private static final String STORE = "(Lorg/binfmtbpf/run/Invocation;JIJI)V";
    private static final String FETCH_OP = "(Lorg/binfmtbpf/run/Invocation;JIIJI)J";
    private static final String CMPXCHG = "(Lorg/binfmtbpf/run/Invocation;JIJJI)J";
    private static final String PACKET = "(Lorg/binfmtbpf/run/Invocation;JI)J";

    static boolean emit(MethodEmitter m, Instruction insn, int pc) {
        int op = insn.opcode();
        int mode = mode(op);
        int size = sizeBytes(op);
        return switch (insn.cls()) {
            case CLASS_LD -> insn.isLdImm64() ? ldImm64(m, insn, pc) : packetLoad(m, insn, mode, size);
            case CLASS_LDX -> (mode == MODE_MEM || mode == MODE_MEMSX) && load(m, insn, pc, size, mode == MODE_MEMSX);
            case CLASS_ST -> mode == MODE_MEM && store(m, insn, pc, size, false);
            case CLASS_STX -> mode == MODE_MEM ? store(m, insn, pc, size, true)
                    : mode == MODE_ATOMIC && (size == 4 || size == 8) && atomic(m, insn, pc, size);
            default -> false;
        };
    }

    private static boolean ldImm64(MethodEmitter m, Instruction insn, int pc) {
        m.pushLong(m.cls.plan.program.imm64(pc));
        m.store(insn.dst());
        return true;
    }

    private static boolean load(MethodEmitter m, Instruction insn, int pc, int size, boolean signExtend) {
        if (direct(m, m.cls.facts.at(pc), insn.src(), insn.off(), false)) {
            m.invokeStatic("org/binfmtbpf/jit/DirectBytes", "load" + size, "([BI)J");
        } else {
            m.mv.visitVarInsn(ALOAD, RegisterSlots.INV);
            address(m, insn.src(), insn.off());
            m.pushInt(size);
            m.pushInt(pc);
            m.invokeStatic(ClassContext.MEMORY, "load", LOAD);
        }
        if (signExtend) {
            m.pushInt(size);
            m.invokeStatic(ClassContext.ALU, "signExtendLoad", "(JI)J");
        }
        m.store(insn.dst());
        return true;
    }

    private static boolean store(MethodEmitter m, Instruction insn, int pc, int size, boolean fromRegister) {
        if (direct(m, m.cls.facts.at(pc), insn.dst(), insn.off(), true)) {
            value(m, insn, fromRegister);
            m.invokeStatic("org/binfmtbpf/jit/DirectBytes", "store" + size, "([BIJ)V");
        } else {
            m.mv.visitVarInsn(ALOAD, RegisterSlots.INV);
            address(m, insn.dst(), insn.off());
            m.pushInt(size);
            value(m, insn, fromRegister);
            m.pushInt(pc);
            m.invokeStatic(ClassContext.MEMORY, "store", STORE);
        }
        return true;
    }

    /**
     * For an access whose place is proven, pushes the array it touches and the index of its
     * first byte, and returns true; returns false (pushing nothing) when it must be checked.
     */
    private static boolean direct(MethodEmitter m, ProvenAccess access, int base, int off, boolean write) {
        MethodVisitor mv = m.mv;
        if (access instanceof ProvenAccess.StackSlot slot) {
            mv.visitVarInsn(ALOAD, m.slots.stack());
            stackIndex(m, slot.offset());
        } else if (access instanceof ProvenAccess.StackRange) {
            mv.visitVarInsn(ALOAD, m.slots.stack());
            offsetIndex(m, base, off);
        } else if (access instanceof ProvenAccess.ContextRead read && !write) {
            contextBytes(m);
            m.pushInt(read.offset());
        } else if (access instanceof ProvenAccess.ContextRange && !write) {
            contextBytes(m);
            offsetIndex(m, base, off);
        } else if (access instanceof ProvenAccess.MapValues map) {
            mv.visitFieldInsn(GETSTATIC, m.cls.className, m.cls.mapValuesField(map.values()), "[B");
            offsetIndex(m, base, off);
        } else {
            return false;
        }
        return true;
    }

    private static void contextBytes(MethodEmitter m) {
        m.mv.visitVarInsn(ALOAD, m.slots.context());
    }

    /** Pushes the array index of register {@code base} + {@code off}: a pointer's low half is its offset in its region. */
    private static void offsetIndex(MethodEmitter m, int base, int off) {
        m.load(base);
        m.mv.visitInsn(L2I);
        if (off != 0) {
            m.pushInt(off);
            m.mv.visitInsn(IADD);
        }
    }

    private static void value(MethodEmitter m, Instruction insn, boolean fromRegister) {
        if (fromRegister) {
            m.load(insn.src());
        } else {
            m.pushLong(insn.imm());
        }
    }

    private static boolean atomic(MethodEmitter m, Instruction insn, int pc, int size) {
        MethodVisitor mv = m.mv;
        int imm = insn.imm();
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        address(m, insn.dst(), insn.off());
        m.pushInt(size);
        if (imm == ATOMIC_CMPXCHG) {
            m.load(0);
            m.load(insn.src());
            m.pushInt(pc);
            m.invokeStatic(ClassContext.MEMORY, "compareExchange", CMPXCHG);
            m.store(0);
            return true;
        }
        m.pushInt(imm);
        m.load(insn.src());
        m.pushInt(pc);
        m.invokeStatic(ClassContext.MEMORY, "fetchAndOp", FETCH_OP);
        if ((imm & ATOMIC_FETCH) != 0) {
            m.store(insn.src());
        } else {
            mv.visitInsn(POP2);
        }
        return true;
    }

    /**
     * LD_ABS / LD_IND: r0 = the packet's bytes at imm (or src + imm) in network order; outside
     * the packet the running function returns 0, as the kernel's rewrite of the load ends in
     * {@code r0 = 0; exit} (in the main function that ends the run).
     */
    private static boolean packetLoad(MethodEmitter m, Instruction insn, int mode, int size) {
        if ((mode != MODE_ABS && mode != MODE_IND) || size == 8) {
            return false;
        }
        MethodVisitor mv = m.mv;
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        if (mode == MODE_IND) {
            address(m, insn.src(), insn.imm());
            mv.visitInsn(L2I); // the kernel's helpers take the offset as a 32-bit int
            mv.visitInsn(I2L);
        } else {
            m.pushLong(insn.imm());
        }
        m.pushInt(size);
        m.invokeStatic(ClassContext.MEMORY, "loadPacket", PACKET);
        m.store(0);
        m.load(0);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        Label ok = new Label();
        mv.visitJumpInsn(IFGE, ok);
        m.pushLong(0);
        m.store(0);
        m.exitFunction();
        mv.visitLabel(ok);
        m.mv.frame();
        return true;
    }

    /** Pushes register {@code base} + {@code off} as a long. */
    private static void address(MethodEmitter m, int base, int off) {
        m.load(base);
        if (off != 0) {
            m.pushLong(off);
            m.mv.visitInsn(LADD);
        }
    }

    /**
     * Pushes the stack array index of r10 + {@code off}. r10's low half is its offset in the
     * stack; it is not a constant even in the main function, which a tail call may enter on
     * a callee's frame.
     */
    private static void stackIndex(MethodEmitter m, int off) {
        offsetIndex(m, 10, off);
    }
}
