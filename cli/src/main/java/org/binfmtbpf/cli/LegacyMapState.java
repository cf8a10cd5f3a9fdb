package org.binfmtbpf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.binfmtbpf.binfmt.PinnedProgram;
import org.binfmtbpf.binfmt.StateDirectory;

/**
 * Map contents saved by the first layout, {@code maps/<program id>}: one file per stored
 * program (its content id, 32 hex digits), whatever pin held it. A pin from those days (one
 * {@link MapSets} does not list) whose own file is missing takes that file's contents; a
 * directory that may be written is migrated when a command first opens it: the contents are
 * copied, each atomically, to every such pin's file, and the old file goes only after all its
 * copies are written, so a crash loses nothing (the next command finds the copies and removes
 * the old file). Old files no pin holds are left as they are.
 */
final class LegacyMapState {
    private LegacyMapState() {}

    static Path file(Path stateDir, String programId) {
        return stateDir.resolve("maps").resolve(programId);
    }

    /**
     * The old file each unlisted pin of {@code pins} may read, by the pin's set
     * ({@link MapSets#ofUnlistedPin}): only where the old file exists.
     */
    static Map<String, Path> sources(Path stateDir, Map<String, PinnedProgram> pins, MapSets sets) {
        Map<String, Path> sources = new LinkedHashMap<>();
        pins.forEach((path, program) -> {
            Path old = file(stateDir, program.id());
            if (sets.pin(path) == null && Files.isRegularFile(old)) {
                sources.put(MapSets.ofUnlistedPin(path), old);
            }
        });
        return sources;
    }

    /** Copies each old file to the sets that read it (where their own file is missing), then removes the old files. */
    static void migrate(Path stateDir, Map<String, Path> sources) throws IOException {
        Set<Path> copied = new LinkedHashSet<>();
        for (Map.Entry<String, Path> s : sources.entrySet()) {
            Path target = MapState.file(stateDir, s.getKey());
            if (!Files.exists(target)) {
                StateDirectory.writeAtomically(target, Files.readAllBytes(s.getValue()));
            }
            copied.add(s.getValue());
        }
        for (Path old : copied) {
            Files.delete(old);
        }
    }
}
