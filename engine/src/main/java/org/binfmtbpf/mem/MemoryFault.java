package org.binfmtbpf.mem;

import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

/**
 * A load, store or helper access that the memory model refused. The messages are built here,
 * off the fast path, and are the same whichever engine ran the program, e.g.
 * {@code invalid read of 4 bytes at context+0x100 (context is 256 bytes)}.
 */
public final class MemoryFault extends BpfFault {
    private static final long serialVersionUID = 1L;

    private MemoryFault(int pc, String message) {
        super(pc, message);
    }

    static MemoryFault outOfBounds(Invocation inv, long address, int size, boolean write, int pc) {
        int id = displayRegion(address);
        long offset = address - Address.of(id, 0);
        Object target = regionObject(inv, id);
        String why;
        if (id == Address.STACK_REGION) {
            why = offset < 0 ? "below the run's " + Invocation.RUN_STACK_SIZE + " bytes of stack"
                    : offset < inv.stackFloor ? "below this frame: the stack in use is " + stackPlace(inv.stackFloor) + " to stack top"
                    : "past the stack top";
        } else if (target instanceof Region region) {
            why = region.name() + " is " + bytes(region.size());
        } else {
            why = notMemory(id, target);
        }
        return new MemoryFault(pc, access(write, size) + " at " + describe(inv, address) + " (" + why + ")");
    }

    static MemoryFault readOnly(Invocation inv, long address, int size, Region region, int pc) {
        return new MemoryFault(pc, access(true, size) + " at " + describe(inv, address) + " (" + region.name() + " is read-only)");
    }

    static MemoryFault misaligned(Invocation inv, long address, int size, int pc) {
        return new MemoryFault(pc, "misaligned atomic access of " + size + " bytes at " + describe(inv, address));
    }

    /**
     * A readable name for an address: {@code context+0x10}, {@code stack-0x8}, {@code 0x10}.
     * An offset in the upper half of the 32-bit range is shown as negative from the next
     * region up, since that is how programs reach it (a pointer moved below its region's start).
     */
    public static String describe(Invocation inv, long address) {
        int id = displayRegion(address);
        long offset = address - Address.of(id, 0);
        if (id == Address.NULL_REGION) {
            return "0x" + Long.toHexString(address);
        }
        Object target = regionObject(inv, id);
        String name;
        if (target instanceof Region region) {
            name = region.name();
        } else if (target instanceof BpfMap map) {
            name = "map " + map.name();
        } else {
            name = "region " + id;
        }
        if (id == Address.STACK_REGION) {
            return stackPlace(offset);
        }
        return name + signedHex(offset);
    }

    /**
     * A stack offset shown against the stack top (r10 at a run's start), as programs address
     * the stack: {@code stack top-0x8}. The run's stack reaches far below one program's 512
     * bytes (tail calls from functions nest there), so offsets from its bottom mean little.
     */
    private static String stackPlace(long offset) {
        return "stack top" + signedHex(offset - Invocation.RUN_STACK_SIZE);
    }

    private static String signedHex(long n) {
        return n < 0 ? "-0x" + Long.toHexString(-n) : "+0x" + Long.toHexString(n);
    }

    /**
     * The region an address is shown against: offsets in the upper half of the 32-bit range
     * belong to the region above, reached by moving a pointer below its region's start.
     */
    private static int displayRegion(long address) {
        return Address.region(address + 0x8000_0000L);
    }

    private static String access(boolean write, int size) {
        return "invalid " + (write ? "write" : "read") + " of " + bytes(size);
    }

    private static String bytes(int n) {
        return n + (n == 1 ? " byte" : " bytes");
    }

    private static String notMemory(int id, Object target) {
        if (id == Address.NULL_REGION) {
            return "not a pointer";
        }
        if (target == null) {
            return id < Address.FIRST_GLOBAL_REGION ? "no such region" : "region " + id + " is not mapped";
        }
        return "not a memory pointer";
    }

    private static Object regionObject(Invocation inv, int id) {
        return switch (id) {
            case Address.CONTEXT_REGION -> inv.context;
            case Address.STACK_REGION -> inv.stackRegion;
            default -> id >= Address.FIRST_GLOBAL_REGION ? RegionTable.get(id) : null;
        };
    }
}
