package org.binfmtbpf.cli;

import org.binfmtbpf.binfmt.ElfProgramSource;
import org.binfmtbpf.binfmt.ProgramSource;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;

/**
 * A program of an ELF object as {@link ElfProgramSource} describes it, loaded from the
 * {@link SharedObject} of its load, so that it shares the object's maps with the other programs
 * of that load. Same kind, name, type and bytes, hence the same content id.
 */
record SharedObjectSource(ElfProgramSource source, SharedObject object) implements ProgramSource {
    @Override public String kind() { return source.kind(); }
    @Override public String name() { return source.name(); }
    @Override public ProgramType type() { return source.type(); }
    @Override public byte[] bytes() { return source.bytes(); }

    /** The shared object picks each program's helpers by its type, as the loader would pass them. */
    @Override
    public Program load(HelperRegistry helpers) {
        return object.program(source);
    }
}
