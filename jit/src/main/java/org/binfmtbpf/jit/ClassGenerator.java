package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the class of one program:
 * <pre>
 *   final class BpfProgram implements CompiledCode {
 *     static final HelperRegistry HELPERS;            // class data, for CALLX
 *     static final byte[] MAP0, MAP1...;               // class data: values of array maps read directly
 *     long run(Invocation inv)                         // calls main(inv), or f0 when main is chunked
 *     long enter(inv, r0..r10, depth)                  // f0 on given registers: tail calls
 *     static long main(Invocation inv)                 // f0's body from r1 = context, r2 = its length, r10 = stack top
 *     static long f0(inv, r0..r10, depth)              // one method per BPF function...
 *     static int  f0_c0(inv, long[] regs, int entry)  // ...or a driver looping over chunk methods
 *   }
 * </pre>
 */
final class ClassGenerator implements Opcodes {
    private static final String COMPILED_CODE = Type.getInternalName(CompiledCode.class);
    /** Chunks one dispatch method switches over; a function with more gets a second level. */
    private static final int FANOUT = 256;
    /** The operand stack while dispatching: (inv, register file, transfer code). */
    private static final Object[] DISPATCH_STACK = {MethodEmitter.INVOCATION, "[J", INTEGER};

    private final ClassContext cls;
    private final ClassWriter cw;
    private final List<MethodSize> sizes = new ArrayList<>();

    /** The code length of one generated method, for the HugeMethodLimit check. */
    record MethodSize(String name, Label end) {
        int bytes() {
            return end.getOffset();
        }
    }

    ClassGenerator(ClassContext cls) {
        this.cls = cls;
        this.cw = new ClassWriter(ClassWriter.COMPUTE_MAXS); // frames are written by FrameTracker
    }

    byte[] generate() {
        cw.visit(V17, ACC_FINAL | ACC_SUPER, cls.className, null, "java/lang/Object", new String[] {COMPILED_CODE});
        cw.visitSource(cls.plan.program.name() + ".bpf", null);
        cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, ClassContext.HELPERS_FIELD, ClassContext.HELPERS_TYPE, null, null)
                .visitEnd();
        cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, ClassContext.TARGETS_FIELD, ClassContext.TARGETS_TYPE, null, null)
                .visitEnd();
        for (int i = 0; i < cls.mapValues.size(); i++) {
            cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, ClassContext.mapValuesField(i), "[B", null, null).visitEnd();
        }
        classInitializer();
        constructor();
        runMethod();
        enterMethod();
        for (FunctionPlan f : cls.plan.functions) {
            if (f.chunked()) {
                chunkedFunction(f);
            } else {
                MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, ClassContext.functionMethod(f.index),
                        RegisterSlots.FUNCTION_DESCRIPTOR, null, null);
                Label end = new MethodEmitter(mv, cls, f, f.chunks.get(0), RegisterSlots.forFunction()).emit();
                sizes.add(new MethodSize(ClassContext.functionMethod(f.index), end));
            }
        }
        if (hasRunEntry()) {
            MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, ClassContext.RUN_ENTRY, ClassContext.RUN_ENTRY_DESCRIPTOR,
                    null, null);
            sizes.add(new MethodSize(ClassContext.RUN_ENTRY, MethodEmitter.forRunEntry(mv, cls, cls.plan.functions.get(0)).emit()));
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Sizes of the program's methods; valid after {@link #generate()}. */
    List<MethodSize> sizes() {
        return sizes;
    }

    /** The map value arrays the class reads, for its class data; valid after {@link #generate()}. */
    List<byte[]> mapValues() {
        return cls.mapValues;
    }

    /**
     * Loads the class data (helper registry, tail-call targets, map value arrays, in the order
     * of {@link JitCompiler#classData}) into static final fields, which HotSpot trusts.
     */
    private void classInitializer() {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        classDataAt(mv, 0, ClassContext.HELPERS_FIELD, ClassContext.HELPERS_TYPE);
        classDataAt(mv, 1, ClassContext.TARGETS_FIELD, ClassContext.TARGETS_TYPE);
        for (int i = 0; i < cls.mapValues.size(); i++) {
            classDataAt(mv, 2 + i, ClassContext.mapValuesField(i), "[B");
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void classDataAt(MethodVisitor mv, int index, String field, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitLdcInsn("_");
        mv.visitLdcInsn(Type.getType(descriptor));
        cls.constants.pushInt(mv, index);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, Type.getType(descriptor).getInternalName());
        mv.visitFieldInsn(PUTSTATIC, cls.className, field, descriptor);
    }

    private void constructor() {
        MethodVisitor mv = cw.visitMethod(0, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * True when {@code run} calls a method of its own ({@link MethodEmitter#forRunEntry}): the
     * main function is one method (a chunked one's {@code f0} is a small driver already).
     */
    private boolean hasRunEntry() {
        return !cls.plan.functions.get(0).chunked();
    }

    /** {@code run(inv)}: the entry state of the kernel (r1 = context, r2 = its length, r10 = stack top). */
    private void runMethod() {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", "(Lorg/binfmtbpf/run/Invocation;)J", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 1);
        int frame = cls.plan.functions.get(0).function.stackSize();
        cls.constants.pushInt(mv, org.binfmtbpf.run.Invocation.RUN_STACK_SIZE - frame);
        mv.visitFieldInsn(PUTFIELD, MethodEmitter.INVOCATION, "stackFloor", "I");
        mv.visitVarInsn(ALOAD, 1);
        if (hasRunEntry()) {
            mv.visitMethodInsn(INVOKESTATIC, cls.className, ClassContext.RUN_ENTRY, ClassContext.RUN_ENTRY_DESCRIPTOR, false);
        } else {
            for (int r = 0; r <= 10; r++) {
                MethodEmitter.pushEntryValue(mv, cls.constants, 1, r);
            }
            mv.visitInsn(ICONST_0);
            mv.visitMethodInsn(INVOKESTATIC, cls.className, ClassContext.functionMethod(0), RegisterSlots.FUNCTION_DESCRIPTOR,
                    false);
        }
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code enter(inv, r0..r10, depth)}: the main function on given registers, for tail calls. */
    private void enterMethod() {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "enter", "(Lorg/binfmtbpf/run/Invocation;JJJJJJJJJJJI)J", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 1);
        for (int r = 0; r <= 10; r++) {
            mv.visitVarInsn(LLOAD, 2 + 2 * r);
        }
        mv.visitVarInsn(ILOAD, 24);
        mv.visitMethodInsn(INVOKESTATIC, cls.className, ClassContext.functionMethod(0), RegisterSlots.FUNCTION_DESCRIPTOR, false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * A function too large for one method: its chunks, and a driver that copies the arguments
     * into the register file of its call depth ({@code Invocation.registerFile}, so nothing is
     * allocated) and loops, calling the chunk that the last transfer code names.
     */
    private void chunkedFunction(FunctionPlan f) {
        for (Chunk c : f.chunks) {
            String name = ClassContext.chunkMethod(f.index, c.index());
            MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, name, RegisterSlots.CHUNK_DESCRIPTOR, null, null);
            Label end = new MethodEmitter(mv, cls, f, c, RegisterSlots.forChunk()).emit();
            sizes.add(new MethodSize(name, end));
        }
        boolean twoLevel = f.chunks.size() > FANOUT;
        if (twoLevel) {
            for (int d = 0; d * FANOUT < f.chunks.size(); d++) {
                dispatcher(f, d);
            }
        }
        Object[] locals = new Object[15];
        locals[0] = MethodEmitter.INVOCATION;
        java.util.Arrays.fill(locals, 1, 12, LONG);
        locals[12] = INTEGER;
        locals[13] = "[J";
        locals[14] = INTEGER;
        FrameTracker mv = new FrameTracker(cw.visitMethod(ACC_STATIC | ACC_PRIVATE, ClassContext.functionMethod(f.index),
                RegisterSlots.FUNCTION_DESCRIPTOR, null, null), locals);
        mv.visitCode();
        int regs = 24;
        int next = 25;
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 23);
        mv.visitMethodInsn(INVOKEVIRTUAL, MethodEmitter.INVOCATION, "registerFile", "(I)[J", false);
        mv.visitVarInsn(ASTORE, regs);
        for (int r = 0; r <= 10; r++) {
            storeFile(mv, regs, r, 1 + 2 * r);
        }
        mv.visitVarInsn(ALOAD, regs);
        mv.visitIntInsn(BIPUSH, RegisterSlots.DEPTH_INDEX);
        mv.visitVarInsn(ILOAD, 23);
        mv.visitInsn(I2L);
        mv.visitInsn(LASTORE);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, next);
        Label loop = new Label();
        Label done = new Label();
        mv.visitLabel(loop);
        mv.frame();
        mv.visitVarInsn(ILOAD, next);
        mv.visitJumpInsn(IFLT, done);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, regs);
        mv.visitVarInsn(ILOAD, next);
        if (twoLevel) {
            mv.visitVarInsn(ILOAD, next);
            mv.visitIntInsn(BIPUSH, 24);
            mv.visitInsn(IUSHR);
            int n = (f.chunks.size() + FANOUT - 1) / FANOUT;
            Label[] cases = labels(n);
            Label bad = new Label();
            mv.visitTableSwitchInsn(0, n - 1, bad, cases);
            for (int d = 0; d < n; d++) {
                mv.visitLabel(cases[d]);
                mv.frame(DISPATCH_STACK);
                mv.visitMethodInsn(INVOKESTATIC, cls.className, dispatcherName(f, d), RegisterSlots.CHUNK_DESCRIPTOR, false);
                mv.visitVarInsn(ISTORE, next);
                mv.visitJumpInsn(GOTO, loop);
            }
            mv.visitLabel(bad);
            mv.frame(DISPATCH_STACK);
            mv.visitInsn(POP);
            mv.visitInsn(POP2);
            mv.visitJumpInsn(GOTO, done);
        } else {
            switchToChunk(mv, f, 0, f.chunks.size(), () -> {
                mv.visitVarInsn(ISTORE, next);
                mv.visitJumpInsn(GOTO, loop);
            });
        }
        mv.visitLabel(done);
        mv.frame();
        mv.visitVarInsn(ALOAD, regs);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Second dispatch level: chunks {@code [d * FANOUT, (d + 1) * FANOUT)}. */
    private void dispatcher(FunctionPlan f, int d) {
        FrameTracker mv = new FrameTracker(cw.visitMethod(ACC_STATIC | ACC_PRIVATE, dispatcherName(f, d),
                RegisterSlots.CHUNK_DESCRIPTOR, null, null), new Object[] {MethodEmitter.INVOCATION, "[J", INTEGER});
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ILOAD, 2);
        switchToChunk(mv, f, d * FANOUT, Math.min(f.chunks.size(), (d + 1) * FANOUT), () -> mv.visitInsn(IRETURN));
        mv.visitInsn(ICONST_M1);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * With (inv, regs, code) on the operand stack, calls chunk {@code code >>> 16} (one of
     * {@code [from, to)}) with entry {@code code & 0xffff}, then runs {@code after} with the
     * next code on the stack. An unknown chunk leaves nothing on the stack and falls through.
     */
    private void switchToChunk(FrameTracker mv, FunctionPlan f, int from, int to, Runnable after) {
        mv.visitInsn(DUP);
        mv.visitIntInsn(BIPUSH, 16);
        mv.visitInsn(IUSHR);
        Label[] cases = labels(to - from);
        Label bad = new Label();
        mv.visitTableSwitchInsn(from, to - 1, bad, cases);
        for (int k = from; k < to; k++) {
            mv.visitLabel(cases[k - from]);
            mv.frame(DISPATCH_STACK);
            mv.visitLdcInsn(0xffff);
            mv.visitInsn(IAND);
            mv.visitMethodInsn(INVOKESTATIC, cls.className, ClassContext.chunkMethod(f.index, k), RegisterSlots.CHUNK_DESCRIPTOR,
                    false);
            after.run();
        }
        mv.visitLabel(bad);
        mv.frame(DISPATCH_STACK);
        mv.visitInsn(POP);
        mv.visitInsn(POP2);
    }

    private static String dispatcherName(FunctionPlan f, int d) {
        return "f" + f.index + "_d" + d;
    }

    private static void storeFile(MethodVisitor mv, int regs, int index, int slot) {
        mv.visitVarInsn(ALOAD, regs);
        mv.visitIntInsn(BIPUSH, index);
        mv.visitVarInsn(LLOAD, slot);
        mv.visitInsn(LASTORE);
    }

    private static Label[] labels(int n) {
        Label[] ls = new Label[n];
        for (int i = 0; i < n; i++) {
            ls[i] = new Label();
        }
        return ls;
    }
}
