package org.binfmtbpf.cli;

import java.nio.file.Path;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.ExecutableFiles;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.StateDirectory;
import org.binfmtbpf.binfmt.StateSession;

/**
 * The state directory one command works on, standing in for /sys/fs/bpf (pinned programs)
 * and /proc/sys/fs/binfmt_misc (entries): a locked {@link StateSession}. Commands that change
 * something call {@link #commit()}; closing releases the lock.
 */
public final class Workspace implements AutoCloseable {
    private final StateSession session;

    private Workspace(StateSession session) {
        this.session = session;
    }

    /** Opens the state at {@code dir}; 'B' programs run on the interpreter, which starts at once. */
    public static Workspace open(Path dir) {
        return open(dir, Engines.INTERP);
    }

    /** Opens the state at {@code dir}; 'B' programs run on {@code engine} (interp or jit). */
    public static Workspace open(Path dir, String engine) {
        ProgramLoader loader = new ProgramLoader(() -> Engines.named(engine));
        return new Workspace(StateDirectory.at(dir).open(loader, ExecutableFiles.HOST, ProgramFaults.WARN));
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
    public MapPins mapPins() throws java.io.IOException {
        return new MapPins(session.directory().resolve("map-pins"));
    }

    /** Restores the saved map contents of a pinned program before it is inspected or run. */
    public void restoreMaps(Pin p) throws java.io.IOException {
        MapState.restore(MapState.file(session.directory(), p.loaded().id()), p.program());
    }

    /** Saves the map contents of a pinned program after it ran or its maps were changed. */
    public void saveMaps(Pin p) throws java.io.IOException {
        if (!p.program().maps().isEmpty()) {
            MapState.save(MapState.file(session.directory(), p.loaded().id()), p.program());
        }
    }

    /** Writes the changes of this command. */
    public void commit() {
        session.commit();
    }

    @Override
    public void close() {
        session.close();
    }
}
