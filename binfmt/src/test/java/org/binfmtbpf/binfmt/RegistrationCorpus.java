package org.binfmtbpf.binfmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.binfmtbpf.binfmt.fuzz.RegistrationLine;
import org.binfmtbpf.binfmt.fuzz.RegistrationSeeds;

/** The shared data's registration lines for tests (edge cases, lengths and mutations: {@code binfmt.fuzz}). */
public final class RegistrationCorpus {
    private RegistrationCorpus() {}

    /**
     * The shared data directory: the system property binfmtbpf.shared set by the build, else
     * the first {@code shared} directory beside the working directory or one of its parents
     * (a worktree lives deeper than the main checkout).
     */
    public static Path sharedDir() {
        String dir = System.getProperty("binfmtbpf.shared");
        if (dir != null && Files.isDirectory(Path.of(dir, "data"))) {
            return Path.of(dir);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data"))) {
                return p.resolve("shared");
            }
        }
        return null;
    }

    /** The 29 qemu-user-static registrations, one per architecture, sorted by file name. */
    public static List<RegistrationLine> qemu() {
        Path dir = sharedDir() == null ? null : sharedDir().resolve("data/qemu-binfmt.d");
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalStateException("qemu-binfmt.d not found: run through Maven (binfmtbpf.shared=" + sharedDir() + ")");
        }
        return RegistrationSeeds.fromPath(dir);
    }
}
