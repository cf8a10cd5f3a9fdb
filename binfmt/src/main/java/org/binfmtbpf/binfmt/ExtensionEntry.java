package org.binfmtbpf.binfmt;

/** An 'E' entry: matches when the path as exec'd ends in {@code .extension} (text after its last dot). */
public record ExtensionEntry(String name, String interpreter, EntryFlags flags, String extension, byte[] registration)
        implements Entry {
    public ExtensionEntry {
        registration = registration.clone();
    }

    @Override public char type() { return 'E'; }
    @Override public byte[] registration() { return registration.clone(); }

    /**
     * The kernel compares the text after the last '.' of the whole path string, directories
     * included: {@code /a.b/prog} has the "extension" {@code b/prog}, which no entry can have.
     */
    public boolean matches(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && path.regionMatches(dot + 1, extension, 0, extension.length())
                && path.length() - dot - 1 == extension.length();
    }
}
