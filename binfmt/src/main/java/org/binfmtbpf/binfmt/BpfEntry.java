package org.binfmtbpf.binfmt;

/**
 * A 'B' entry (the RFC): a pinned program decides on the 256-byte header and chooses the
 * interpreter with helper 212. It holds the program itself, not just the pin: like the
 * kernel's reference, unpinning the path later does not disturb the entry.
 *
 * @param programPath the pinned path given at registration (shown by the status file)
 * @param program     the program, verified and compiled once, shared by every resolution
 */
public record BpfEntry(String name, EntryFlags flags, String programPath, PinnedProgram program, byte[] registration)
        implements Entry {
    public BpfEntry {
        registration = registration.clone();
    }

    @Override public String interpreter() { return ""; }
    @Override public char type() { return 'B'; }
    @Override public byte[] registration() { return registration.clone(); }
}
