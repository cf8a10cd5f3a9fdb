package org.binfmtbpf.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian reads and writes of a stack or context array at offsets the compiler has
 * proven in bounds (see {@link AccessFacts}); values are zero-extended like
 * {@code Memory.load}. Tiny, so HotSpot inlines them into the generated code.
 */
public final class DirectBytes {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private DirectBytes() {}

    public static long load1(byte[] b, int i) { return b[i] & 0xffL; }
    public static long load2(byte[] b, int i) { return (short) I16.get(b, i) & 0xffffL; }
    public static long load4(byte[] b, int i) { return (int) I32.get(b, i) & 0xffffffffL; }
    public static long load8(byte[] b, int i) { return (long) I64.get(b, i); }

    public static void store1(byte[] b, int i, long v) { b[i] = (byte) v; }
    public static void store2(byte[] b, int i, long v) { I16.set(b, i, (short) v); }
    public static void store4(byte[] b, int i, long v) { I32.set(b, i, (int) v); }
    public static void store8(byte[] b, int i, long v) { I64.set(b, i, v); }
}
