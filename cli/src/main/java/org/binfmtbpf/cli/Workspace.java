package org.binfmtbpf.cli;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.BpfEntry;
import org.binfmtbpf.binfmt.ElfProgramSource;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.ExecutableFiles;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.PinnedProgram;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.ProgramSource;
import org.binfmtbpf.binfmt.Registered;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.binfmt.StateDirectory;
import org.binfmtbpf.binfmt.StateSession;
import org.binfmtbpf.binfmt.Table;
import org.binfmtbpf.maps.BpfMap;

/**
 * The state directory one command works on, standing in for /sys/fs/bpf (pinned programs and
 * their maps) and /proc/sys/fs/binfmt_misc (entries): a {@link StateSession}.
 *
 * <p>A command that changes something opens it {@link #open for writing} (an exclusive lock)
 * and calls {@link #commit()}, which writes every change or, when the command fails before it,
 * none. A command that only looks opens it {@link #read} (a shared lock, or none on a directory
 * it cannot write), so it works on a read-only directory. A command that runs programs opens
 * it {@link #run to run}: for writing where the directory is writable, else to read; the maps
 * its programs change are saved by {@link #saveMaps()}, which only a writable one can do.
 *
 * <p>Maps belong to loads ({@link MapSets}): every program of one load shares the load's maps,
 * whether it is reached through its pin or through a 'B' entry, as in the kernel.
 */
public final class Workspace implements AutoCloseable {
    private final StateSession session;
    private final MapSets sets;
    /** Pin path to set, and 'B' entry name to set, for this command's pins and entries. */
    private final Map<String, String> pinSets = new LinkedHashMap<>();
    private final Map<String, String> entrySets = new HashMap<>();
    /** Old-layout files the unlisted pins read (see {@link LegacyMapState}), by set. */
    private final Map<String, Path> legacy;
    private final Map<String, SharedObject> objects = new HashMap<>();
    /** One program per set and program name, so that a pin and an entry of one load run one program. */
    private final Map<String, PinnedProgram> shared = new HashMap<>();
    private MapPins mapPins;
    private List<Pin> numbered;
    /** Set by {@link #binfmtToRun()}: the table's programs then load through shared objects, which the state file cannot store. */
    private boolean entriesRebound;

    private Workspace(StateSession session) throws IOException {
        this.session = session;
        this.sets = MapSets.read(session.directory().resolve("map-sets"));
        session.pins().pins().keySet().forEach(p -> pinSets.put(p, setOfPin(p)));
        this.legacy = LegacyMapState.sources(session.directory(), session.pins().pins(), sets);
        if (session.writable() && !legacy.isEmpty()) {
            LegacyMapState.migrate(session.directory(), legacy);
        }
    }

    /** Opens the state at {@code dir} for a command that changes it: exclusively, creating the directory. */
    public static Workspace open(Path dir) {
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw UserError.environment("state directory " + dir + ": not writable (this command changes the state)");
        }
        return open(dir, true);
    }

    /** Opens the state at {@code dir} for a command that only reads it: a missing directory is an empty state. */
    public static Workspace read(Path dir) {
        return open(dir, false);
    }

    /** Opens the state at {@code dir} for a command that runs programs: for writing where it can be written. */
    public static Workspace run(Path dir) {
        return open(dir, !Files.exists(dir) || Files.isWritable(dir));
    }

    /**
     * 'B' programs run on the interpreter, which starts at once. A directory that cannot be
     * opened or read back (not a directory, a damaged state file) is the environment's
     * refusal, named in one line.
     */
    private static Workspace open(Path dir, boolean write) {
        ProgramLoader loader = new ProgramLoader(() -> Engines.named(Engines.INTERP));
        StateDirectory directory = StateDirectory.at(dir);
        StateSession session = null;
        try {
            session = write ? directory.open(loader, ExecutableFiles.HOST, ProgramFaults.WARN)
                    : directory.openReadOnly(loader, ExecutableFiles.HOST, ProgramFaults.WARN);
            return new Workspace(session);
        } catch (UncheckedIOException e) {
            throw closing(session, unusable(dir, IoErrors.describe(e.getCause()), e));
        } catch (IOException e) {
            throw closing(session, unusable(dir, IoErrors.describe(e), e));
        } catch (IllegalStateException e) {
            throw closing(session, unusable(dir, e.getMessage(), e));
        } catch (RuntimeException e) {
            throw closing(session, e);
        }
    }

    private static UserError unusable(Path dir, String why, Exception cause) {
        return new UserError(ExitCodes.ENVIRONMENT, "state directory " + dir + ": " + why, cause);
    }

    private static RuntimeException closing(StateSession session, RuntimeException e) {
        if (session != null) {
            session.close();
        }
        return e;
    }

    public BinfmtMisc binfmt() {
        return session.binfmt();
    }

    /**
     * The binfmt_misc instance ready to run: each 'B' entry's program shares its load's maps,
     * with their saved contents, as the pins of the load do. Call {@link #saveMaps()} after the
     * programs ran. For commands that run entries and do not {@link #commit()}.
     */
    public BinfmtMisc binfmtToRun() {
        Table table = session.binfmt().table();
        List<Registered> entries = new ArrayList<>();
        for (Registered r : table.entries()) {
            if (r.entry() instanceof BpfEntry b) {
                PinnedProgram program = shared(setOfEntry(b), b.program());
                entries.add(new Registered(new BpfEntry(b.name(), b.flags(), b.programPath(), program,
                        b.registration()), r.enabled()));
            } else {
                entries.add(r);
            }
        }
        session.binfmt().restore(new Table(table.enabled(), entries));
        entriesRebound = true;
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

    /** A name for the maps of a new load, to pin its programs with ({@link #pin(String, PinnedProgram, String)}). */
    public String newLoad() {
        return MapSets.fresh();
    }

    /** Pins {@code program}, a load of its own with new maps, as {@code bpftool prog load} does (see the 3-argument form). */
    public String pin(String path, PinnedProgram program) throws IOException {
        return pin(path, program, newLoad());
    }

    /**
     * Pins {@code program} at {@code path} as bpftool prog load does and returns the path as the
     * bpf filesystem names it: EEXIST when a program or a map is pinned there. The program
     * uses the maps of {@code load} ({@link #newLoad()}), which every program pinned with the
     * same load shares, as the programs of one {@code bpftool prog loadall} do.
     */
    public String pin(String path, PinnedProgram program, String load) throws IOException {
        try {
            if (mapPins().get(path) != null) {
                throw new RegistrationException(Errno.EEXIST, "pin", PinStore.pinPath(path) + " is already pinned");
            }
            String pinned = session.pins().pin(path, program);
            pinSets.put(pinned, load);
            numbered = null;
            return pinned;
        } catch (RegistrationException e) {
            throw refused(e);
        }
    }

    /**
     * Removes the pin at {@code path}, as rm in the bpf filesystem: a map's pin, or a program's,
     * whose maps' saved contents go at commit unless another pin or an entry still holds them.
     */
    public void unpin(String path) throws IOException {
        if (mapPins().unpin(path)) {
            return;
        }
        try {
            session.pins().unpin(path);
            pinSets.remove(PinStore.pinPath(path));
            numbered = null;
        } catch (RegistrationException e) {
            throw refused(e);
        }
    }

    /** Every pinned program, numbered as bpftool would show it (see {@link Pin}). */
    public List<Pin> pinned() {
        if (numbered == null) {
            Map<String, PinnedProgram> programs = new LinkedHashMap<>();
            session.pins().pins().forEach((path, p) -> programs.put(path, shared(pinSets.get(path), p)));
            numbered = Pin.number(programs, pinSets);
        }
        return numbered;
    }

    /**
     * Every map, numbered as bpftool would show it: the maps of the pinned programs' loads
     * ({@link Pin}), then the maps of loads that only 'B' entries still hold (their path was
     * unpinned or pinned again since), in entry name order, as the kernel keeps a map while a
     * program refers to it.
     */
    public List<NumberedMap> maps() {
        List<NumberedMap> out = new ArrayList<>();
        Set<Integer> listed = new HashSet<>();
        int next = 1;
        for (Pin p : pinned()) {
            for (BpfMap m : p.program().maps()) {
                if (listed.add(p.mapId(m))) {
                    out.add(new NumberedMap(p.mapId(m), m));
                    next = Math.max(next, p.mapId(m) + 1);
                }
            }
        }
        Set<String> loads = new HashSet<>(pinSets.values());
        Map<String, BpfEntry> byName = new TreeMap<>();
        bpfEntries().forEach(b -> byName.put(b.name(), b));
        for (BpfEntry b : byName.values()) {
            if (loads.add(setOfEntry(b))) {
                for (BpfMap m : shared(setOfEntry(b), b.program()).program().maps()) {
                    out.add(new NumberedMap(next++, m));
                }
            }
        }
        return out;
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

    /**
     * Saves the contents of every load's maps that a program or an update changed in this
     * command, each file atomically, and which set each pin and entry has. A read-only
     * directory that would have to change is a one-line refusal naming it.
     */
    public void saveMaps() throws IOException {
        if (saveChangedMaps()) {
            recordSets();
        }
    }

    /** Saves the loads whose maps changed; true when there were any. */
    private boolean saveChangedMaps() throws IOException {
        List<SharedObject> changed = objects.values().stream().filter(SharedObject::changed).toList();
        if (changed.isEmpty()) {
            return false;
        }
        if (!session.writable()) {
            throw UserError.environment("state directory " + session.directory() + ": not writable; the maps "
                    + "the programs changed cannot be kept");
        }
        for (SharedObject o : changed) {
            o.save();
        }
        return true;
    }

    /** Writes the changes of this command, and removes the saved maps no pin or entry holds any more. */
    public void commit() throws IOException {
        if (entriesRebound) {
            throw new IllegalStateException("a workspace whose entries were made ready to run saves maps, never commits");
        }
        session.commit();
        mapPins().save();
        saveChangedMaps();
        recordSets();
        Path maps = session.directory().resolve("maps");
        if (Files.isDirectory(maps)) {
            try (Stream<Path> files = Files.list(maps)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (MapSets.isSetName(name) && !sets.live().contains(name)) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    /** Writes the sets of the pins and entries there are now. */
    private void recordSets() throws IOException {
        Map<String, String> entries = new HashMap<>();
        bpfEntries().forEach(b -> entries.put(b.name(), setOfEntry(b)));
        Map<String, String> pins = new LinkedHashMap<>();
        session.pins().pins().keySet().forEach(p -> pins.put(p, pinSets.get(p)));
        sets.replace(pins, entries);
        sets.save();
    }

    private String setOfPin(String path) {
        String recorded = sets.pin(path);
        return recorded != null ? recorded : MapSets.ofUnlistedPin(path);
    }

    /**
     * The entry's set as recorded; else (an entry registered in this command, or before sets
     * were recorded) the set of the pin it was registered from, if that pin still holds its
     * program, else maps of its own.
     */
    private String setOfEntry(BpfEntry b) {
        return entrySets.computeIfAbsent(b.name(), name -> {
            String recorded = sets.entry(name);
            if (recorded != null) {
                return recorded;
            }
            try {
                String path = PinStore.pinPath(Latin1.toUtf8(b.programPath()));
                PinnedProgram pinned = session.pins().pins().get(path);
                if (pinned != null && pinned.id().equals(b.program().id())) {
                    return pinSets.get(path);
                }
            } catch (RegistrationException notAPinPath) {
                // the entry's program is its own
            }
            return MapSets.fresh();
        });
    }

    /** {@code program} loaded with the maps of {@code set}; programs without maps (raw instructions) as they are. */
    private PinnedProgram shared(String set, PinnedProgram program) {
        if (!(program.source() instanceof ElfProgramSource elf)) {
            return program;
        }
        return shared.computeIfAbsent(set + "\0" + elf.name(), k -> session.loader().wrap(
                new SharedObjectSource(elf, objects.computeIfAbsent(set, s -> new SharedObject(
                        MapState.file(session.directory(), s), legacy.get(s), members(s, elf))))));
    }

    /** The ELF sources of the programs that pins and entries of {@code set} hold, {@code first} first. */
    private List<ElfProgramSource> members(String set, ElfProgramSource first) {
        List<ElfProgramSource> members = new ArrayList<>(List.of(first));
        session.pins().pins().forEach((path, p) -> {
            if (set.equals(pinSets.get(path)) && elf(p.source()) != null) {
                members.add(elf(p.source()));
            }
        });
        for (BpfEntry b : bpfEntries()) {
            if (set.equals(entrySets.get(b.name())) && elf(b.program().source()) != null) {
                members.add(elf(b.program().source()));
            }
        }
        return members;
    }

    /** The registered 'B' entries, in table order. */
    private List<BpfEntry> bpfEntries() {
        List<BpfEntry> out = new ArrayList<>();
        for (Registered r : session.binfmt().table().entries()) {
            if (r.entry() instanceof BpfEntry b) {
                out.add(b);
            }
        }
        return out;
    }

    private static ElfProgramSource elf(ProgramSource source) {
        return source instanceof SharedObjectSource s ? s.source() : source instanceof ElfProgramSource e ? e : null;
    }

    @Override
    public void close() {
        session.close();
    }
}
