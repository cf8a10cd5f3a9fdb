package org.binfmtbpf.binfmt;

/** {@link BpfEntryContract} on the reference interpreter. */
class BpfEntryOnInterpTest extends BpfEntryContract {
    @Override
    String engine() {
        return "interp";
    }
}
