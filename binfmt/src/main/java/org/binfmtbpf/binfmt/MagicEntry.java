package org.binfmtbpf.binfmt;

/**
 * An 'M' entry: matches when {@code (header[offset + i] ^ magic[i]) & mask[i]} is zero for
 * every i; without a mask every byte must be equal.
 *
 * @param mask the decoded mask, the same length as {@code magic}, or null when the field was empty
 */
public record MagicEntry(String name, String interpreter, EntryFlags flags, int offset, byte[] magic, byte[] mask,
                         byte[] registration) implements Entry {
    public MagicEntry {
        magic = magic.clone();
        mask = mask == null ? null : mask.clone();
        registration = registration.clone();
    }

    @Override public char type() { return 'M'; }
    @Override public byte[] magic() { return magic.clone(); }
    @Override public byte[] mask() { return mask == null ? null : mask.clone(); }
    @Override public byte[] registration() { return registration.clone(); }

    /** True when the 256-byte header matches; no allocation. */
    public boolean matches(byte[] header) {
        for (int i = 0; i < magic.length; i++) {
            int diff = header[offset + i] ^ magic[i];
            if ((mask == null ? diff : diff & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }
}
