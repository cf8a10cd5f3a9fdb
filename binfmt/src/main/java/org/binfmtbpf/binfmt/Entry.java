package org.binfmtbpf.binfmt;

/**
 * One registered handler, immutable. Names, interpreters, extensions and paths are byte
 * strings held as Latin-1 Java strings (one char per byte), so every byte the kernel would
 * keep round-trips exactly; see {@link Latin1}.
 */
public sealed interface Entry permits MagicEntry, ExtensionEntry, BpfEntry {
    /** The entry's file name under binfmt_misc. */
    String name();

    /** The interpreter recorded at registration; empty for 'B' entries (the program chooses). */
    String interpreter();

    EntryFlags flags();

    /** The type letter: M, E or B. */
    char type();

    /** The bytes that were written to {@code register} (kept so the state directory can replay them). */
    byte[] registration();
}
