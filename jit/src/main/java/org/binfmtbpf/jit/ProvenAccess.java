package org.binfmtbpf.jit;

/**
 * What is known about one memory access: nothing (go through {@code mem.Memory}), a slot of
 * the current stack frame at a constant offset from r10, or the context at a constant offset
 * the verifier proved in bounds for every run.
 */
public sealed interface ProvenAccess {
    /** Nothing is proven: the access takes the checked path. */
    ProvenAccess UNKNOWN = new Unknown();

    record Unknown() implements ProvenAccess {}

    /** {@code [r10 + offset, r10 + offset + size)} lies within the running frame. */
    record StackSlot(int offset) implements ProvenAccess {}

    /** A read of the context at a constant {@code offset}, in bounds for any context it runs on. */
    record ContextRead(int offset) implements ProvenAccess {}
}
