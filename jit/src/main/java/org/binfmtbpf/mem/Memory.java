package org.binfmtbpf.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/** TEMPORARY SHIM (h-jit): same signatures as the engine's Memory being written by H-interp; deleted at merge. */
public final class Memory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Memory() {}

    public static long load(Invocation inv, long address, int size, int pc) {
        byte[] b = region(inv, address, size, false, pc).bytes();
        int i = (int) address;
        return switch (size) {
            case 1 -> b[i] & 0xffL;
            case 2 -> (short) I16.get(b, i) & 0xffffL;
            case 4 -> (int) I32.get(b, i) & 0xffffffffL;
            default -> (long) I64.get(b, i);
        };
    }

    public static void store(Invocation inv, long address, int size, long value, int pc) {
        byte[] b = region(inv, address, size, true, pc).bytes();
        int i = (int) address;
        switch (size) {
            case 1 -> b[i] = (byte) value;
            case 2 -> I16.set(b, i, (short) value);
            case 4 -> I32.set(b, i, (int) value);
            default -> I64.set(b, i, value);
        }
    }

    public static long fetchAndOp(Invocation inv, long address, int size, int atomicOp, long operand, int pc) {
        long old = load(inv, address, size, pc);
        long v = switch (atomicOp & ~1) {
            case 0x00 -> old + operand;
            case 0x40 -> old | operand;
            case 0x50 -> old & operand;
            case 0xa0 -> old ^ operand;
            case 0xe0 -> operand;
            default -> throw new BpfFault(pc, "invalid atomic operation 0x" + Integer.toHexString(atomicOp));
        };
        store(inv, address, size, v, pc);
        return old;
    }

    public static long compareExchange(Invocation inv, long address, int size, long expected, long replacement, int pc) {
        long old = load(inv, address, size, pc);
        long mask = size == 4 ? 0xffffffffL : -1L;
        if (old == (expected & mask)) {
            store(inv, address, size, replacement, pc);
        }
        return old;
    }

    public static long loadPacket(Invocation inv, long offset, int size) {
        byte[] b = inv.context.bytes();
        if (offset < 0 || offset + size > b.length) {
            return -1;
        }
        int i = (int) offset;
        return switch (size) {
            case 1 -> b[i] & 0xffL;
            case 2 -> (short) BE16.get(b, i) & 0xffffL;
            default -> (int) BE32.get(b, i) & 0xffffffffL;
        };
    }

    private static Region region(Invocation inv, long address, int size, boolean write, int pc) {
        int id = (int) (address >>> 32);
        long offset = address & 0xffffffffL;
        Region region;
        if (id == Address.CONTEXT_REGION) {
            region = inv.context;
        } else if (id == Address.STACK_REGION && offset >= inv.stackFloor) {
            region = inv.stackRegion;
        } else if (id >= Address.FIRST_GLOBAL_REGION && RegionTable.get(id) instanceof Region global) {
            region = global;
        } else {
            throw new BpfFault(pc, "invalid access of " + size + " at 0x" + Long.toHexString(address));
        }
        if (offset + size > region.size() || (write && !region.writable())) {
            throw new BpfFault(pc, "invalid access of " + size + " at 0x" + Long.toHexString(address));
        }
        return region;
    }
}
