package org.binfmtbpf.binfmt;

/** {@link BpfEntryContract} on the JIT. */
class BpfEntryOnJitTest extends BpfEntryContract {
    @Override
    String engine() {
        return "jit";
    }
}
