package org.binfmtbpf.elf;

/**
 * An object file the loader refuses: malformed, hostile, or using something libbpf would
 * refuse too. The message is one line naming the place, e.g.
 * {@code qemu.bpf.o: section '.relbinfmt' at offset 0x1a0: relocation type 99 unknown}.
 */
public final class ElfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(printable(message));
    }

    /** Names read from a hostile file may hold control characters; escape them to keep one line. */
    private static String printable(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A problem in {@code where} (a section name in quotes, or "ELF header") at a file offset. */
    public static ElfFormatException at(String where, long fileOffset, String problem) {
        return new ElfFormatException(where + " at offset 0x" + Long.toHexString(fileOffset) + ": " + problem);
    }

    /** The same problem, prefixed with the object's name. */
    ElfFormatException in(String objectName) {
        ElfFormatException e = new ElfFormatException(objectName + ": " + getMessage());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
