package org.binfmtbpf.binfmt;

import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;

/**
 * What the pin store keeps of a program so that a later process can load the same program
 * again: the original bytes (an ELF object, or raw instructions) plus the name and type.
 * Loading is deterministic: the same source and helpers give the same program.
 */
public interface ProgramSource {
    /** The stored form's kind, e.g. {@code insns} or {@code elf}; selects the decoder. */
    String kind();

    /** The program's name (the ELF program, or a label for raw instructions). */
    String name();

    ProgramType type();

    /** The original bytes: object file or instruction slots. */
    byte[] bytes();

    /** Loads the program against {@code helpers}. */
    Program load(HelperRegistry helpers);
}
