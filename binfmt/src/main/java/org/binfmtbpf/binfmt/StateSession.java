package org.binfmtbpf.binfmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The system loaded from a {@link StateDirectory}, locked for this session: its binfmt_misc
 * instance and its bpf filesystem. Changes are written by {@link #commit()}; {@link #close()}
 * releases the lock. A session opened read-only holds a shared lock, or none, and cannot
 * commit. Programs are read from disk when the session opens but loaded and compiled only
 * when first run.
 */
public final class StateSession implements AutoCloseable {
    private final StateDirectory directory;
    private final FileChannel channel;
    private final FileLock lock;
    private final ReentrantLock local;
    private final ProgramLoader loader;
    private final PinStore pins = new PinStore();
    private final BinfmtMisc binfmt;

    StateSession(StateDirectory directory, FileChannel channel, FileLock lock, ReentrantLock local, ProgramLoader loader,
                 ExecutableFiles files, FaultListener faults) throws IOException {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
        this.local = local;
        this.loader = loader;
        this.binfmt = new BinfmtMisc(pins, files, faults);
        load();
    }

    public BinfmtMisc binfmt() { return binfmt; }

    public PinStore pins() { return pins; }

    public ProgramLoader loader() { return loader; }

    public Path directory() { return directory.path(); }

    /** Whether this session may {@link #commit()}: it holds the exclusive lock. */
    public boolean writable() { return lock != null && !lock.isShared(); }

    private void load() throws IOException {
        Path stateFile = directory.stateFile();
        if (!Files.exists(stateFile)) {
            return;
        }
        StateFile.Contents contents = StateFile.decode(Files.readAllBytes(stateFile), stateFile.toString());
        Map<String, PinnedProgram> objects = new HashMap<>();
        Map<String, PinnedProgram> restoredPins = new HashMap<>();
        for (Map.Entry<String, String> pin : contents.pins().entrySet()) {
            restoredPins.put(pin.getKey(), object(pin.getValue(), objects));
        }
        pins.restore(restoredPins);
        List<Registered> entries = new ArrayList<>();
        for (StateFile.StoredEntry stored : contents.entries()) {
            // A 'B' entry gets the program it was registered with, whatever is pinned now.
            ProgramLookup heldProgram = path -> object(stored.programId(), objects);
            Entry entry = new RegistrationParser(heldProgram).parse(stored.registration());
            entries.add(new Registered(entry, stored.enabled()));
        }
        binfmt.restore(new Table(contents.enabled(), entries));
    }

    private PinnedProgram object(String id, Map<String, PinnedProgram> objects) {
        if (id == null) {
            throw new IllegalStateException(directory.stateFile() + ": a 'B' entry names no stored program");
        }
        return objects.computeIfAbsent(id, i -> {
            Path file = directory.objectFile(i);
            try {
                return loader.wrap(ProgramCodec.decode(Files.readAllBytes(file), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        });
    }

    /** Writes the programs in use and then the state file, each atomically; removes programs nothing uses. */
    public void commit() {
        if (!writable()) {
            throw new IllegalStateException("state directory " + directory.path() + " was opened read-only");
        }
        try {
            Table table = binfmt.table();
            Map<String, PinnedProgram> pinned = pins.pins();
            Set<String> live = new HashSet<>();
            List<PinnedProgram> used = new ArrayList<>(pinned.values());
            for (Registered r : table.entries()) {
                if (r.entry() instanceof BpfEntry bpf) {
                    used.add(bpf.program());
                }
            }
            for (PinnedProgram program : used) {
                if (live.add(program.id())) {
                    Path file = directory.objectFile(program.id());
                    if (!Files.exists(file)) {
                        StateDirectory.writeAtomically(file, ProgramCodec.encode(program.source()));
                    }
                }
            }
            StateDirectory.writeAtomically(directory.stateFile(), StateFile.encode(table, pinned));
            try (Stream<Path> stored = Files.list(directory.path().resolve("objects"))) {
                for (Path f : stored.toList()) {
                    if (!live.contains(f.getFileName().toString())) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("state directory " + directory.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close(); // releases the lock
            }
        } catch (IOException ignored) {
            // the lock goes with the channel in any case
        } finally {
            local.unlock();
        }
    }
}
