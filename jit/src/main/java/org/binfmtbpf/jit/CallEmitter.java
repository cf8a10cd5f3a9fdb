package org.binfmtbpf.jit;

import static org.binfmtbpf.isa.Opcodes.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperFunction;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.run.Invocation;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * CALL and CALLX. A helper call is an {@code invokestatic} to the helper's own static method,
 * guarded by a handler that gives its faults the call's instruction index. A BPF-to-BPF call
 * is an {@code invokestatic} to the callee's method after {@code JitRuntime.enterCall} has
 * checked depth and stack. After anything that may have tail-called, every frame unwinds.
 */
final class CallEmitter implements Opcodes {
    private CallEmitter() {}

    private static final String FAILED = "(Lorg/binfmtbpf/helpers/HelperRegistry;Ljava/lang/RuntimeException;II)"
            + "Lorg/binfmtbpf/run/BpfFault;";

    static boolean emit(MethodEmitter m, Instruction insn, int pc) {
        if (source(insn.opcode()) == SRC_X) {
            callx(m, m.mv, insn.dst(), pc);
            return true;
        }
        return switch (insn.src()) {
            case CALL_HELPER -> helper(m, insn.imm(), pc);
            case CALL_LOCAL -> local(m, insn, pc);
            case CALL_KFUNC -> {
                m.pushInt(insn.imm());
                m.pushInt(pc);
                m.invokeStatic(ClassContext.RUNTIME, "kfunc", "(II)Lorg/binfmtbpf/run/BpfFault;");
                m.mv.visitInsn(ATHROW);
                yield true;
            }
            default -> false;
        };
    }

    private static boolean helper(MethodEmitter m, int id, int pc) {
        MethodVisitor mv = m.mv;
        Helper h = m.cls.plan.program.helpers() == null ? null : m.cls.plan.program.helpers().get(id);
        if (h == null) {
            m.pushLong(id);
            m.pushInt(pc);
            m.invokeStatic(ClassContext.RUNTIME, "unknownHelper", "(JI)Lorg/binfmtbpf/run/BpfFault;");
            mv.visitInsn(ATHROW);
            return true;
        }
        if (!directlyCallable(h)) {
            m.pushLong(id);
            m.store(0);
            callx(m, mv, 0, pc);
            return true;
        }
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        mv.visitLabel(start);
        arguments(m);
        m.invokeStatic(Type.getInternalName(h.owner()), h.method(), HelperFunction.DESCRIPTOR);
        mv.visitLabel(end);
        m.store(0);
        m.trailer(() -> {
            mv.visitLabel(handler);
            m.mv.frame(new Object[] {"java/lang/RuntimeException"});
            mv.visitFieldInsn(GETSTATIC, m.cls.className, ClassContext.HELPERS_FIELD, ClassContext.HELPERS_TYPE);
            mv.visitInsn(SWAP);
            m.pushInt(id);
            m.pushInt(pc);
            m.invokeStatic(ClassContext.RUNTIME, "helperFailed", FAILED);
            mv.visitInsn(ATHROW);
        });
        if (id == StandardHelpers.TAIL_CALL) {
            m.tailCallIfRequested(pc);
        }
        return true;
    }

    /** CALLX: the helper id is in register {@code idRegister}; dispatched through the program's registry. */
    private static void callx(MethodEmitter m, MethodVisitor mv, int idRegister, int pc) {
        mv.visitFieldInsn(GETSTATIC, m.cls.className, ClassContext.HELPERS_FIELD, ClassContext.HELPERS_TYPE);
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        m.load(idRegister);
        for (int r = 1; r <= 5; r++) {
            m.load(r);
        }
        m.pushInt(pc);
        m.invokeStatic(ClassContext.RUNTIME, "callx",
                "(Lorg/binfmtbpf/helpers/HelperRegistry;Lorg/binfmtbpf/run/Invocation;JJJJJJI)J");
        m.store(0);
        if (m.cls.plan.mayTailCall) {
            m.tailCallIfRequested(pc);
        }
    }

    private static boolean local(MethodEmitter m, Instruction insn, int pc) {
        MethodVisitor mv = m.mv;
        int target = InstructionKind.callTarget(insn, pc);
        int callee = m.cls.plan.functionStartingAt(target);
        if (callee < 0) {
            throw new IllegalArgumentException("insn " + pc + ": call to " + target + ", which starts no function");
        }
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        mv.visitFieldInsn(GETFIELD, MethodEmitter.INVOCATION, "stackFloor", "I");
        mv.visitVarInsn(ISTORE, m.slots.savedFloor());
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        for (int r = 0; r <= 9; r++) {
            m.load(r); // the callee sees the caller's registers, as in the interpreter's shared register file
        }
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        m.load(10);
        m.pushInt(m.fn.function.stackSize());
        mv.visitVarInsn(ILOAD, m.slots.depth());
        mv.visitLdcInsn(m.cls.plan.functions.get(callee).function.name());
        m.pushInt(m.cls.plan.functions.get(callee).function.stackSize());
        m.pushInt(pc);
        m.invokeStatic(ClassContext.RUNTIME, "enterCall", "(Lorg/binfmtbpf/run/Invocation;JIILjava/lang/String;II)J");
        mv.visitVarInsn(ILOAD, m.slots.depth());
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKESTATIC, m.cls.className, ClassContext.functionMethod(callee),
                RegisterSlots.FUNCTION_DESCRIPTOR, false);
        m.store(0);
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        mv.visitVarInsn(ILOAD, m.slots.savedFloor());
        mv.visitFieldInsn(PUTFIELD, MethodEmitter.INVOCATION, "stackFloor", "I");
        return true;
    }

    /** Pushes inv, r1..r5. */
    private static void arguments(MethodEmitter m) {
        m.mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        for (int r = 1; r <= 5; r++) {
            m.load(r);
        }
    }

    /** True when generated code may name the helper's method: public, in a public class. */
    private static boolean directlyCallable(Helper h) {
        if (!Modifier.isPublic(h.owner().getModifiers())) {
            return false;
        }
        try {
            Method method = h.owner().getMethod(h.method(), Invocation.class, long.class, long.class,
                    long.class, long.class, long.class);
            return Modifier.isStatic(method.getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
