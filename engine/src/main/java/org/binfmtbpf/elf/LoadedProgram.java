package org.binfmtbpf.elf;

import org.binfmtbpf.program.Program;

/** A program of a loaded object: its symbol name, the ELF section it came from, and the linked program. */
public record LoadedProgram(String name, String section, Program program) {}
