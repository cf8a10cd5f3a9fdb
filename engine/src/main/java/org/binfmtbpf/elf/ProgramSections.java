package org.binfmtbpf.elf;

import org.binfmtbpf.program.ProgramType;

/**
 * libbpf's section-name convention for the program types this engine runs: {@code socket}
 * and {@code socket/...} (libbpf's SOCKET_FILTER), {@code syscall} (exact, as libbpf), and
 * our own {@code binfmt} and {@code binfmt/...}.
 */
final class ProgramSections {
    private ProgramSections() {}

    /** The program type a section name asks for, or null when the name is not a program section. */
    static ProgramType typeOf(String section) {
        if (matches(section, ProgramType.SOCKET_FILTER.sectionName())) {
            return ProgramType.SOCKET_FILTER;
        }
        if (matches(section, ProgramType.BINFMT.sectionName())) {
            return ProgramType.BINFMT;
        }
        if (section.equals(ProgramType.SYSCALL.sectionName())) {
            return ProgramType.SYSCALL;
        }
        return null;
    }

    /** {@code prefix} exactly, or {@code prefix/anything}. */
    private static boolean matches(String section, String prefix) {
        return section.equals(prefix) || section.startsWith(prefix + "/");
    }
}
