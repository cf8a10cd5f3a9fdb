package org.binfmtbpf.jit;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Pushes int and long constants, keeping the class's constant pool below its 65,535-entry
 * limit: small values use short instructions, others ldc while the budget lasts, and once it
 * is spent values are built from 16-bit pieces so a program of any length still compiles.
 */
final class Constants implements Opcodes {
    /** Pool slots this class may spend on numbers; the rest is left for names and methods. */
    private static final int POOL_BUDGET = 40_000;

    private final Set<Integer> ints = new HashSet<>();
    private final Set<Long> longs = new HashSet<>();
    private int used;

    void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v == (byte) v) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v == (short) v) {
            mv.visitIntInsn(SIPUSH, v);
        } else if (ints.contains(v) || reserve(1)) {
            ints.add(v);
            mv.visitLdcInsn(v);
        } else {
            pieces(mv, v);
        }
    }

    void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn((int) (LCONST_0 + v));
        } else if (v == (short) v) {
            pushInt(mv, (int) v);
            mv.visitInsn(I2L);
        } else if (longs.contains(v) || reserve(2)) {
            longs.add(v);
            mv.visitLdcInsn(v);
        } else if (v == (int) v) {
            pieces(mv, (int) v);
            mv.visitInsn(I2L);
        } else {
            pieces(mv, (int) (v >>> 32));
            mv.visitInsn(I2L);
            mv.visitIntInsn(BIPUSH, 32);
            mv.visitInsn(LSHL);
            pieces(mv, (int) v);
            mv.visitInsn(I2L);
            mv.visitIntInsn(BIPUSH, 32);
            mv.visitInsn(LSHL);
            mv.visitIntInsn(BIPUSH, 32);
            mv.visitInsn(LUSHR);
            mv.visitInsn(LOR);
        }
    }

    private boolean reserve(int slots) {
        if (used + slots > POOL_BUDGET) {
            return false;
        }
        used += slots;
        return true;
    }

    /** An int from two 16-bit pieces, with no pool entry: (hi << 16) | (lo & 0xffff). */
    private static void pieces(MethodVisitor mv, int v) {
        mv.visitIntInsn(SIPUSH, (short) (v >>> 16));
        mv.visitIntInsn(BIPUSH, 16);
        mv.visitInsn(ISHL);
        mv.visitIntInsn(SIPUSH, (short) v);
        mv.visitIntInsn(BIPUSH, 16);
        mv.visitInsn(ISHL);
        mv.visitIntInsn(BIPUSH, 16);
        mv.visitInsn(IUSHR);
        mv.visitInsn(IOR);
    }
}
