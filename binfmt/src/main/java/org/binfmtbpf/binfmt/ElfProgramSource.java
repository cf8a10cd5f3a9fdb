package org.binfmtbpf.binfmt;

import java.util.NoSuchElementException;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;

/**
 * One program of a clang-compiled BPF object, as {@code bpftool prog load x.bpf.o PATH type T}
 * pins it: the object's bytes are kept and reloaded through {@link ElfLoader} (maps and global
 * data come back with their initial contents), and {@code type} overrides the section's type.
 *
 * @param objectName the object's file name (libbpf derives global data map names from it)
 * @param name       the program's function name
 */
public record ElfProgramSource(String objectName, String name, ProgramType type, byte[] bytes) implements ProgramSource {
    public static final String KIND = "elf";

    public ElfProgramSource {
        bytes = bytes.clone();
    }

    @Override public String kind() { return KIND; }
    @Override public byte[] bytes() { return bytes.clone(); }

    @Override
    public Program load(HelperRegistry helpers) {
        LoadedObject object = ElfLoader.load(bytes, objectName, helpers, type);
        try {
            return object.program(name).program();
        } catch (NoSuchElementException e) {
            throw new IllegalArgumentException(objectName + ": no program named '" + name + "' (have "
                    + object.programs().stream().map(p -> p.name()).toList() + ")");
        }
    }

    /** The sole program of an object, or the one named; what {@code bpftool prog load} picks is the first. */
    public static ElfProgramSource firstProgram(String objectName, byte[] bytes, ProgramType type, HelperRegistry helpers) {
        LoadedObject object = ElfLoader.load(bytes, objectName, helpers, type);
        if (object.programs().isEmpty()) {
            throw new IllegalArgumentException(objectName + ": the object has no programs");
        }
        return new ElfProgramSource(objectName, object.programs().get(0).name(), type, bytes);
    }
}
