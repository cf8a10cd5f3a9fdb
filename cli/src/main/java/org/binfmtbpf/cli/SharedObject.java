package org.binfmtbpf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.binfmtbpf.binfmt.ElfProgramSource;
import org.binfmtbpf.binfmt.StateDirectory;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;

/**
 * One load of an object in this process: loaded once, so that every program of the load
 * refers to the same maps, as libbpf creates each map once per object. The maps get the
 * contents saved for their set ({@link MapState}) when the object is first loaded; {@link #save}
 * writes them back if a run or an update changed them.
 */
final class SharedObject {
    private final Path file;
    private final Path legacy;
    private final ProgramType typeOverride;
    private LoadedObject object;
    private byte[] restored;

    /**
     * @param file         where the set's contents are saved
     * @param legacy       where older versions saved them, read when {@code file} is absent; or null
     * @param members      the programs of the load that a pin or an entry holds
     */
    SharedObject(Path file, Path legacy, List<ElfProgramSource> members) {
        this.file = file;
        this.legacy = legacy;
        // A load with 'type T' gave every program type T; without it each has its section's.
        ProgramType first = members.get(0).type();
        this.typeOverride = members.stream().allMatch(m -> m.type() == first) ? first : null;
    }

    /** The program {@code source} names, loaded from the shared object. */
    synchronized Program program(ElfProgramSource source) {
        if (object == null) {
            object = Programs.loadObject(source.bytes(), source.objectName(), typeOverride);
            try {
                Path saved = Files.exists(file) ? file : legacy != null && Files.exists(legacy) ? legacy : null;
                if (saved != null) {
                    MapState.restore(saved, object.maps());
                }
            } catch (IOException e) {
                throw new UserError(ExitCodes.ENVIRONMENT, IoErrors.describe(e), e);
            }
            restored = MapState.encode(object.maps());
        }
        return object.program(source.name()).program();
    }

    /** Whether the maps differ from what was restored: a program or an update changed them. */
    synchronized boolean changed() {
        return object != null && !Arrays.equals(restored, MapState.encode(object.maps()));
    }

    /** Saves the contents atomically. */
    synchronized void save() throws IOException {
        byte[] now = MapState.encode(object.maps());
        Files.createDirectories(file.getParent());
        StateDirectory.writeAtomically(file, now);
        restored = now;
    }

    Path file() {
        return file;
    }
}
