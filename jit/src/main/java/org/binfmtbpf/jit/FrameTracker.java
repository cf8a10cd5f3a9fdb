package org.binfmtbpf.jit;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the stack map frames of generated methods without ASM's COMPUTE_FRAMES, which
 * dominated compile time. Every local of a generated method has one type from its prologue
 * to its end (registers are longs, the stack is a byte[]), so the frame at any point between
 * eBPF instructions is the same: all locals, empty operand stack. {@link #frame} emits it
 * (or one with a value on the stack, for handlers), at most once per bytecode offset.
 */
final class FrameTracker extends MethodVisitor implements Opcodes {
    private final Object[] locals;
    /** True when bytecode was written since the last frame. */
    private boolean moved = true;

    FrameTracker(MethodVisitor mv, Object[] locals) {
        super(ASM9, mv);
        this.locals = locals;
    }

    /** The frame "all locals, empty stack" at the current position. */
    void frame() {
        frame(new Object[0]);
    }

    /** The frame "all locals, {@code stack} on the operand stack" at the current position. */
    void frame(Object[] stack) {
        if (!moved) {
            return;
        }
        super.visitFrame(F_NEW, locals.length, locals, stack.length, stack);
        moved = false;
    }

    private void wrote() {
        moved = true;
    }

    @Override public void visitInsn(int opcode) { wrote(); super.visitInsn(opcode); }
    @Override public void visitIntInsn(int opcode, int operand) { wrote(); super.visitIntInsn(opcode, operand); }
    @Override public void visitVarInsn(int opcode, int varIndex) { wrote(); super.visitVarInsn(opcode, varIndex); }
    @Override public void visitTypeInsn(int opcode, String type) { wrote(); super.visitTypeInsn(opcode, type); }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        wrote();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }
    @Override public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        wrote();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }
    @Override public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
        wrote();
        super.visitInvokeDynamicInsn(name, descriptor, bsm, args);
    }
    @Override public void visitJumpInsn(int opcode, Label label) { wrote(); super.visitJumpInsn(opcode, label); }
    @Override public void visitLdcInsn(Object value) { wrote(); super.visitLdcInsn(value); }
    @Override public void visitIincInsn(int varIndex, int increment) { wrote(); super.visitIincInsn(varIndex, increment); }
    @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        wrote();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }
    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        wrote();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }
    @Override public void visitMultiANewArrayInsn(String descriptor, int dims) { wrote(); super.visitMultiANewArrayInsn(descriptor, dims); }
}
