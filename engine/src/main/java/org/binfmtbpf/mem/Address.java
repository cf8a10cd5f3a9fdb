package org.binfmtbpf.mem;

/**
 * The encoding of pointers as plain 64-bit register values (see docs/ARCHITECTURE.md,
 * "Memory model"). The high 32 bits name a region, the low 32 bits are the byte offset
 * within it: {@code address = (regionId << 32) + offset}. Programs can add to, compare,
 * spill and pass such values like any scalar; only loads, stores and helpers decode them.
 * An offset that runs below zero borrows from the region id and so lands outside every
 * region, which the bounds check then refuses.
 */
public final class Address {
    private Address() {}

    /** Values below this are not pointers: a load or store through them faults. */
    public static final int NULL_REGION = 0;
    /** The program's context: the 256-byte binfmt header, or a test's input memory. */
    public static final int CONTEXT_REGION = 1;
    /** The stack shared by every frame of the call chain. */
    public static final int STACK_REGION = 2;
    /** Region ids from here up are global: maps, map values and global data, see {@link RegionTable}. */
    public static final int FIRST_GLOBAL_REGION = 16;

    public static long of(int regionId, long offset) {
        return ((long) regionId << 32) + offset;
    }

    public static int region(long address) {
        return (int) (address >>> 32);
    }

    public static int offset(long address) {
        return (int) address;
    }

    /** The offset as an unsigned value, for bounds checks. */
    public static long unsignedOffset(long address) {
        return address & 0xffffffffL;
    }
}
