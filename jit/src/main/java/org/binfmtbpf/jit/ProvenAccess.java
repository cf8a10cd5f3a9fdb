package org.binfmtbpf.jit;

/**
 * What is known about one memory access: nothing (go through {@code mem.Memory}), or the
 * array it touches and that every byte of it is in bounds there, so the generated code reads
 * or writes the array directly.
 *
 * <p>The constant-offset forms index the array with a constant (stack: relative to r10). The
 * ranged forms index it with the low half of the base register plus the instruction's offset:
 * a pointer's low 32 bits are its offset in its region ({@code mem.Address}), and the proof
 * says that offset, whatever it is on a given run, stays inside the region.
 */
public sealed interface ProvenAccess {
    /** Nothing is proven: the access takes the checked path. */
    ProvenAccess UNKNOWN = new Unknown();

    record Unknown() implements ProvenAccess {}

    /** {@code [r10 + offset, r10 + offset + size)} lies within the running frame. */
    record StackSlot(int offset) implements ProvenAccess {}

    /** A read of the context at a constant {@code offset}, in bounds for any context it runs on. */
    record ContextRead(int offset) implements ProvenAccess {}

    /** A read somewhere in the context (a header program's 256 bytes), at a varying offset. */
    record ContextRange() implements ProvenAccess {}

    /** An access somewhere in the live frames of the stack, at a varying offset. */
    record StackRange() implements ProvenAccess {}

    /**
     * An access to the values of one array map or global data section, whose bytes live in
     * one array for the map's whole life ({@code maps.ArrayMap}). A store is proven only when
     * programs may write the map.
     */
    record MapValues(byte[] values) implements ProvenAccess {}
}
