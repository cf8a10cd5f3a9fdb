package org.binfmtbpf.cli;

import org.binfmtbpf.elf.ElfLoader;
import java.util.List;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.program.ProgramType;

/** How the commands load objects: the standard helpers, bpftool's type words. */
public final class Programs {
    private Programs() {}

    /** The helpers a program of {@code type} may call: the standard ones, plus binprm_get_path for binfmt. */
    public static HelperRegistry helpers(ProgramType type) {
        return ProgramLoader.helpersFor(type);
    }

    /**
     * Loads an object for inspection: each program with the helpers of its type (the section's,
     * or {@code typeOverride}), as a pinned program is loaded again, so {@code prog verify}
     * refuses what {@code prog load} would (helper 1000 outside the binfmt type).
     */
    public static LoadedObject loadObject(byte[] bytes, String objectName, ProgramType typeOverride) {
        return ElfLoader.load(bytes, objectName, Programs::helpers, typeOverride);
    }

    /**
     * The programs of the object, or of its section {@code section} when not null; none is a
     * one-line error naming the object and the section, not an empty answer.
     */
    public static List<LoadedProgram> inSection(LoadedObject loaded, String objectName, String section) {
        List<LoadedProgram> programs = section == null ? loaded.programs() : loaded.programsInSection(section);
        if (programs.isEmpty()) {
            throw UserError.badInput(objectName + ": " + (section == null ? "no program sections"
                    : "no program in section '" + section + "'"));
        }
        return programs;
    }

    /** bpftool's {@code type} word: socket (socket_filter), binfmt, syscall. */
    public static ProgramType type(String word) {
        for (ProgramType t : ProgramType.values()) {
            if (t != ProgramType.RAW && (t.sectionName().equals(word) || typeName(t).equals(word))) {
                return t;
            }
        }
        throw UserError.usage("type: '" + word + "' is not a program type (socket, binfmt, syscall)");
    }

    /** The type as bpftool prog show names it. */
    public static String typeName(ProgramType t) {
        return switch (t) {
            case SOCKET_FILTER -> "socket_filter";
            case SYSCALL -> "syscall";
            case BINFMT -> "binfmt";
            case RAW -> "raw";
        };
    }

    /** The kernel's license_is_gpl_compatible. */
    public static boolean gplCompatible(String license) {
        return license != null && switch (license) {
            case "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" -> true;
            default -> false;
        };
    }
}
