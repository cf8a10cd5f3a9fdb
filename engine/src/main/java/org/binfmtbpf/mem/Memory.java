package org.binfmtbpf.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * Checked memory access: the one implementation of loads, stores and atomics that the
 * interpreter, the JIT and the helpers share (see docs/ARCHITECTURE.md, "Memory model").
 *
 * <p>An address names a region in its high 32 bits (1 the context, 2 the stack, 16 and up the
 * {@link RegionTable}) and an offset in its low 32 bits. Every access checks
 * {@code [offset, offset + size)} against the region, the stack floor of the running frame
 * and, for writes, the region's writability; a refusal is a {@link MemoryFault} whose message
 * does not depend on the engine. Values are little-endian and zero-extended.
 *
 * <p>The fast path is a few comparisons and one array access, small enough for HotSpot to
 * inline into the interpreter loop and into JIT-compiled code; messages are built elsewhere.
 */
public final class Memory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Memory() {}

    /** Loads {@code size} (1, 2, 4 or 8) bytes at {@code address}, zero-extended. */
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

    /** Stores the low {@code size} (1, 2, 4 or 8) bytes of {@code value} at {@code address}. */
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

    /**
     * Atomically applies ADD, OR, AND, XOR or XCHG ({@code atomicOp}, the FETCH bit ignored) with
     * {@code operand} to the 4- or 8-byte word at {@code address} and returns its old value
     * (zero-extended for 4 bytes). Whether the old value reaches a register is the engine's
     * business. Misaligned addresses fault, as the kernel's verifier refuses them.
     */
    public static long fetchAndOp(Invocation inv, long address, int size, int atomicOp, long operand, int pc) {
        byte[] b = atomicTarget(inv, address, size, pc);
        int i = (int) address;
        int op = atomicOp & ~Opcodes.ATOMIC_FETCH;
        if (size == 4) {
            int v = (int) operand;
            int old = switch (op) {
                case Opcodes.ATOMIC_ADD -> (int) I32.getAndAdd(b, i, v);
                case Opcodes.ATOMIC_OR -> (int) I32.getAndBitwiseOr(b, i, v);
                case Opcodes.ATOMIC_AND -> (int) I32.getAndBitwiseAnd(b, i, v);
                case Opcodes.ATOMIC_XOR -> (int) I32.getAndBitwiseXor(b, i, v);
                case Opcodes.ATOMIC_XCHG & ~Opcodes.ATOMIC_FETCH -> (int) I32.getAndSet(b, i, v);
                default -> throw invalidAtomic(atomicOp, pc);
            };
            return old & 0xffffffffL;
        }
        return switch (op) {
            case Opcodes.ATOMIC_ADD -> (long) I64.getAndAdd(b, i, operand);
            case Opcodes.ATOMIC_OR -> (long) I64.getAndBitwiseOr(b, i, operand);
            case Opcodes.ATOMIC_AND -> (long) I64.getAndBitwiseAnd(b, i, operand);
            case Opcodes.ATOMIC_XOR -> (long) I64.getAndBitwiseXor(b, i, operand);
            case Opcodes.ATOMIC_XCHG & ~Opcodes.ATOMIC_FETCH -> (long) I64.getAndSet(b, i, operand);
            default -> throw invalidAtomic(atomicOp, pc);
        };
    }

    /**
     * Atomically replaces the 4- or 8-byte word at {@code address} with {@code replacement} if
     * it equals {@code expected} (its low 32 bits for 4 bytes) and returns the old value,
     * zero-extended: the CMPXCHG rule, where r0 receives the old value whether or not it matched.
     */
    public static long compareExchange(Invocation inv, long address, int size, long expected, long replacement, int pc) {
        byte[] b = atomicTarget(inv, address, size, pc);
        int i = (int) address;
        if (size == 4) {
            return (int) I32.compareAndExchange(b, i, (int) expected, (int) replacement) & 0xffffffffL;
        }
        return (long) I64.compareAndExchange(b, i, expected, replacement);
    }

    /**
     * For helpers: checks that {@code [address, address + length)} may be read (or written)
     * and returns the region; the caller indexes {@code region.bytes()} from
     * {@code Address.offset(address)}. {@code pc} is -1 when the engine fills it in.
     */
    public static Region resolve(Invocation inv, long address, int length, boolean write, int pc) {
        if (length < 0) {
            throw new BpfFault(pc, "invalid " + (write ? "write" : "read") + " of negative length " + length);
        }
        return region(inv, address, length, write, pc);
    }

    /**
     * SKF_NET_OFF: a packet load at a negative offset from here up reads the network header,
     * at {@code offset - NETWORK_HEADER_OFFSET}. The context is the network layer (the kernel's
     * test runs see the header after a link-layer prefix), so that is the context's start.
     */
    public static final long NETWORK_HEADER_OFFSET = -0x100000;

    /**
     * The legacy packet load LD_ABS / LD_IND: reads {@code size} (1, 2 or 4) bytes at
     * {@code offset} of the context in network byte order; a negative offset of at least
     * {@link #NETWORK_HEADER_OFFSET} is relative to the network header, as in the kernel. Any
     * other negative offset is out of bounds, the link-layer ones (SKF_LL_OFF) included: there is
     * no link-layer header, as for a kernel packet whose mac header is not set. Returns -1 when
     * the bytes are not all inside the context; the engine then returns 0 from the running
     * function, as the kernel does (its rewrite of the load ends in {@code r0 = 0; exit}), which
     * ends the program when that is the main function. A valid result is never negative, so -1
     * cannot be mistaken for one.
     */
    public static long loadPacket(Invocation inv, long offset, int size) {
        byte[] b = inv.context.bytes();
        long at = offset < 0 && offset >= NETWORK_HEADER_OFFSET ? offset - NETWORK_HEADER_OFFSET : offset;
        if (at < 0 || at + size > b.length) {
            return -1;
        }
        int i = (int) at;
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
            throw MemoryFault.outOfBounds(inv, address, size, write, pc);
        }
        if (offset + size > region.size()) {
            throw MemoryFault.outOfBounds(inv, address, size, write, pc);
        }
        if (write && !region.writable()) {
            throw MemoryFault.readOnly(inv, address, size, region, pc);
        }
        return region;
    }

    private static byte[] atomicTarget(Invocation inv, long address, int size, int pc) {
        Region region = region(inv, address, size, true, pc);
        if ((address & (size - 1)) != 0) {
            throw MemoryFault.misaligned(inv, address, size, pc);
        }
        return region.bytes();
    }

    private static BpfFault invalidAtomic(int atomicOp, int pc) {
        return new BpfFault(pc, "invalid atomic operation 0x" + Integer.toHexString(atomicOp));
    }
}
