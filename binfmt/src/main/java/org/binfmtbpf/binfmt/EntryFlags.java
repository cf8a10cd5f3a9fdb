package org.binfmtbpf.binfmt;

/**
 * The flags field of a registration.
 *
 * @param preserveArgv0 P: pass the original argv[0] after the binary's path instead of dropping it
 * @param openBinary    O: the interpreter gets the binary as an open fd (AT_EXECFD); set by C too
 * @param credentials   C: credentials (setuid bits) come from the binary, not the interpreter
 * @param openFile      F: the interpreter is opened at registration and that file is used at exec
 */
public record EntryFlags(boolean preserveArgv0, boolean openBinary, boolean credentials, boolean openFile) {
    public static final EntryFlags NONE = new EntryFlags(false, false, false, false);

    /** The flags as the status file prints them: the set letters in the order P O C F. */
    public String letters() {
        return (preserveArgv0 ? "P" : "") + (openBinary ? "O" : "") + (credentials ? "C" : "") + (openFile ? "F" : "");
    }

    /** Adds the flag named by {@code letter}; null when the letter is not a flag (the kernel stops there). */
    EntryFlags with(int letter) {
        return switch (letter) {
            case 'P' -> new EntryFlags(true, openBinary, credentials, openFile);
            case 'O' -> new EntryFlags(preserveArgv0, true, credentials, openFile);
            case 'C' -> new EntryFlags(preserveArgv0, true, true, openFile); // C implies O
            case 'F' -> new EntryFlags(preserveArgv0, openBinary, credentials, true);
            default -> null;
        };
    }
}
