package org.binfmtbpf.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the data this project is checked against but never copies: the public conformance
 * suite and Debian's qemu registrations, kept in a {@code shared/} directory beside the
 * repository. Tests, benchmarks and tools all look for it the same way: the system property
 * {@value #PROPERTY} (the build sets it to {@code ../shared}), else a {@code shared/}
 * directory beside the working directory or one of its ancestors (a git worktree sits
 * deeper than the main checkout and finds the same data).
 */
public final class SharedData {
    /** The system property naming the shared directory. */
    public static final String PROPERTY = "binfmtbpf.shared";

    private SharedData() {}

    /** {@code relative} (a file or directory) inside the shared directory, if it is on this machine. */
    public static Optional<Path> find(String relative) {
        String property = System.getProperty(PROPERTY);
        if (property != null && Files.exists(Path.of(property, relative))) {
            return Optional.of(Path.of(property, relative));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why {@link #find} found nothing: one line for a skipped test or an error. */
    public static String absent(String relative) {
        return "shared data '" + relative + "' not found: it lives in shared/ beside the repository (set -D" + PROPERTY
                + "=DIR; now " + System.getProperty(PROPERTY) + ", working directory " + Path.of("").toAbsolutePath() + ")";
    }
}
