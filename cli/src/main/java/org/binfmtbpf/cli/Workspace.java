package org.binfmtbpf.cli;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.ExecutableFiles;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.PinnedProgram;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.binfmt.StateDirectory;
import org.binfmtbpf.binfmt.StateSession;

/**
 * The state directory one command works on, standing in for /sys/fs/bpf (pinned programs)
 * and /proc/sys/fs/binfmt_misc (entries): a locked {@link StateSession}. Commands that change
 * something call {@link #commit()}, which writes every change or, when a command fails before
 * it, none; closing releases the lock.
 */
public final class Workspace implements AutoCloseable {
    private final StateSession session;
    private MapPins mapPins;
    /** Pins made or removed by this command: their saved map contents go at commit. */
    private final Set<String> staleMapStates = new HashSet<>();
    private List<Pin> numbered;

    private Workspace(StateSession session) {
        this.session = session;
    }

    /** Opens the state at {@code dir}; 'B' programs run on the interpreter, which starts at once. */
    public static Workspace open(Path dir) {
        return open(dir, Engines.INTERP);
    }

    /**
     * Opens the state at {@code dir}; 'B' programs run on {@code engine} (interp or jit). A
     * directory that cannot be opened or read back (not a directory, a damaged state file) is
     * the environment's refusal, named in one line.
     */
    public static Workspace open(Path dir, String engine) {
        ProgramLoader loader = new ProgramLoader(() -> Engines.named(engine));
        try {
            return new Workspace(StateDirectory.at(dir).open(loader, ExecutableFiles.HOST, ProgramFaults.WARN));
        } catch (UncheckedIOException e) {
            throw new UserError(ExitCodes.ENVIRONMENT, "state directory " + dir + ": " + IoErrors.describe(e.getCause()), e);
        } catch (IllegalStateException e) {
            throw new UserError(ExitCodes.ENVIRONMENT, "state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public BinfmtMisc binfmt() {
        return session.binfmt();
    }

    /** The bpf filesystem: pinned programs. */
    public PinStore pins() {
        return session.pins();
    }

    public ProgramLoader loader() {
        return session.loader();
    }

    /** Maps pinned with {@code prog load ... pinmaps DIR}. */
    public MapPins mapPins() throws IOException {
        if (mapPins == null) {
            mapPins = new MapPins(session.directory().resolve("map-pins"));
        }
        return mapPins;
    }

    /**
     * Pins {@code program} at {@code path} as bpftool prog load does and returns the path as the
     * bpf filesystem names it: EEXIST when a program or a map is pinned there.
     */
    public String pin(String path, PinnedProgram program) throws IOException {
        try {
            if (mapPins().get(path) != null) {
                throw new RegistrationException(Errno.EEXIST, "pin", PinStore.pinPath(path) + " is already pinned");
            }
            String pinned = session.pins().pin(path, program);
            staleMapStates.add(pinned); // a new load has new maps, as bpftool prog load creates them
            numbered = null;
            return pinned;
        } catch (RegistrationException e) {
            throw refused(e);
        }
    }

    /**
     * Removes the pin at {@code path}, as rm in the bpf filesystem: a map's pin, or a program's,
     * whose maps' saved contents go with it at commit.
     */
    public void unpin(String path) throws IOException {
        if (mapPins().unpin(path)) {
            return;
        }
        try {
            session.pins().unpin(path);
            staleMapStates.add(PinStore.pinPath(path));
            numbered = null;
        } catch (RegistrationException e) {
            throw refused(e);
        }
    }

    /** Every pinned program, numbered as bpftool would show it (see {@link Pin}). */
    public List<Pin> pinned() {
        if (numbered == null) {
            numbered = Pin.number(session.pins().pins(), session.loader());
        }
        return numbered;
    }

    /** Pins the maps of the program pinned at {@code programPin} as {@code dir/NAME} when this command commits. */
    public void pinMaps(String dir, String programPin, List<String> mapNames) throws IOException {
        try {
            mapPins().pinAll(mapPins().plan(dir, programPin, mapNames, session.pins()));
        } catch (RegistrationException e) {
            throw refused(e);
        }
    }

    /**
     * A pin the bpf filesystem refuses: a path that is no path (EINVAL) is the user's input;
     * a taken one (EEXIST), one outside the mount (EPERM), nothing there (ENOENT) its answer.
     */
    private static UserError refused(RegistrationException e) {
        return e.errno() == Errno.EINVAL ? UserError.badInput(e.getMessage()) : UserError.environment(e.getMessage());
    }

    /** Restores the saved map contents of a pinned program before it is inspected or run. */
    public void restoreMaps(Pin p) throws IOException {
        MapState.restore(MapState.file(session.directory(), p.path()), p.program());
    }

    /** Saves the map contents of a pinned program after it ran or its maps were changed. */
    public void saveMaps(Pin p) throws IOException {
        if (!p.program().maps().isEmpty()) {
            MapState.save(MapState.file(session.directory(), p.path()), p.program());
        }
    }

    /** Writes the changes of this command. */
    public void commit() throws IOException {
        session.commit();
        mapPins().save();
        for (String path : staleMapStates) {
            Files.deleteIfExists(MapState.file(session.directory(), path));
        }
        staleMapStates.clear();
    }

    @Override
    public void close() {
        session.close();
    }
}
