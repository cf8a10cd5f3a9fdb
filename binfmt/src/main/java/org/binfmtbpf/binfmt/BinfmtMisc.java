package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import java.util.List;
import java.util.Optional;

/**
 * One binfmt_misc instance (what a mount of the filesystem shows): {@code register},
 * {@code status} and one file per entry, plus the exec-time search. Writes are serialised
 * (the kernel holds the root inode lock); reads and resolutions take an immutable
 * {@link Table} snapshot and never block.
 */
public final class BinfmtMisc {
    /** NAME_MAX: the longest entry name the filesystem accepts. */
    public static final int NAME_MAX = 255;
    /** The filesystem's own files, there from the mount on: entries cannot take their names. */
    public static final String REGISTER = "register";
    public static final String STATUS = "status";

    private final RegistrationParser parser;
    private final ExecutableFiles files;
    private final FaultListener faults;
    private final Object writeLock = new Object();
    private volatile Table table = Table.EMPTY;

    /**
     * @param programs the bpf filesystem 'B' registrations look programs up in; null for stock Linux (no 'B')
     * @param files    what flag F's open of the interpreter sees
     * @param faults   told when a 'B' program faults (treated as no match)
     */
    public BinfmtMisc(ProgramLookup programs, ExecutableFiles files, FaultListener faults) {
        this.parser = new RegistrationParser(programs);
        this.files = files;
        this.faults = faults;
    }

    /** Stock Linux: M and E entries only; a 'B' registration is EINVAL, as the kernel answers today. */
    public static BinfmtMisc stockLinux(ExecutableFiles files) {
        return new BinfmtMisc(null, files, FaultListener.LOG);
    }

    // ---- /register ----

    /** A write to {@code register}; throws {@link RegistrationException} with the kernel's errno. */
    public Entry register(byte[] written) {
        Entry entry = parser.parse(written);
        if (entry.flags().openFile()) {
            Errno failure = files.openExec(entry.interpreter());
            if (failure != null) {
                throw new RegistrationException(failure, "interpreter", "flag F opens " + entry.interpreter()
                        + " now: " + failure.text());
            }
        }
        synchronized (writeLock) {
            if (entry.name().length() > NAME_MAX) {
                throw new RegistrationException(Errno.ENAMETOOLONG, "name", "the name has " + entry.name().length()
                        + " bytes, at most " + NAME_MAX);
            }
            if (entry.name().equals(REGISTER) || entry.name().equals(STATUS)) {
                throw new RegistrationException(Errno.EEXIST, "name", entry.name() + " is binfmt_misc's own file");
            }
            if (table.find(entry.name()).isPresent()) {
                throw new RegistrationException(Errno.EEXIST, "name", "an entry named " + entry.name() + " exists");
            }
            table = table.with(entry);
        }
        return entry;
    }

    public Entry register(String line) {
        return register(Latin1.bytes(line));
    }

    // ---- /<entry> ----

    /**
     * The text of the file {@code name}: an entry's, or {@code status}'s; ENOENT when there is no
     * such file, EINVAL for {@code register} (it has no read operation).
     */
    public String readEntry(String name) {
        if (name.equals(REGISTER)) {
            throw new RegistrationException(Errno.EINVAL, name, "register can only be written");
        }
        if (name.equals(STATUS)) {
            return readStatus();
        }
        return StatusFormatter.entry(lookup(table, name));
    }

    /**
     * A write of 0, 1 or -1 to the entry's file. Writing to a name that has no entry fails as
     * the shell's {@code echo 1 > name} does: its open would create the file, which binfmt_misc
     * refuses with EACCES.
     */
    public void writeEntry(String name, byte[] written) {
        synchronized (writeLock) {
            if (table.find(name).isEmpty()) {
                throw new RegistrationException(Errno.EACCES, name, "no entry named " + name
                        + " (and files cannot be created under binfmt_misc)");
            }
            switch (ControlCommand.parse(name, written)) {
                case DISABLE -> table = table.withEntryEnabled(name, false);
                case ENABLE -> table = table.withEntryEnabled(name, true);
                case REMOVE -> table = table.without(name);
                case NOTHING -> { }
            }
        }
    }

    // ---- /status ----

    public String readStatus() {
        return StatusFormatter.instance(table.enabled());
    }

    /** 0 disables every entry, 1 enables them again, -1 removes them all. */
    public void writeStatus(byte[] written) {
        synchronized (writeLock) {
            switch (ControlCommand.parse("status", written)) {
                case DISABLE -> table = table.withEnabled(false);
                case ENABLE -> table = table.withEnabled(true);
                case REMOVE -> table = table.cleared();
                case NOTHING -> { }
            }
        }
    }

    /** The directory listing: entry names, newest first. */
    public List<String> names() {
        return table.entries().stream().map(r -> r.entry().name()).toList();
    }

    /** The current snapshot. */
    public Table table() {
        return table;
    }

    /** Replaces the whole state (used when loading a state directory). */
    public void restore(Table restored) {
        synchronized (writeLock) {
            table = restored;
        }
    }

    // ---- exec ----

    /** load_misc_binary: which interpreter runs this binary, and with which argv. */
    public ExecOutcome resolve(ExecRequest request) {
        SearchLoop.Match match = SearchLoop.search(table, request, faults);
        if (match == null) {
            return new ExecOutcome.NotRecognised();
        }
        Entry entry = match.entry();
        String interpreter = match.chosenInterpreter() != null ? match.chosenInterpreter() : entry.interpreter();
        if (interpreter.isEmpty()) {
            return new ExecOutcome.Refused(entry, Errno.ENOEXEC, "the program of entry " + entry.name()
                    + " selected the binary but chose no interpreter");
        }
        if (request.pathInaccessible()) {
            return new ExecOutcome.Refused(entry, Errno.ENOENT, "the interpreter could not reopen the binary"
                    + " (exec of a close-on-exec descriptor)");
        }
        EntryFlags flags = entry.flags();
        List<String> argv = ArgvBuilder.build(interpreter, request.path(), request.argv(), flags.preserveArgv0());
        boolean preopened = flags.openFile() && match.chosenInterpreter() == null;
        return new ExecOutcome.Resolved(new Resolution(entry, interpreter, argv, flags.openBinary(),
                flags.credentials(), preopened));
    }

    private static Registered lookup(Table table, String name) {
        Optional<Registered> found = table.find(name);
        if (found.isEmpty()) {
            throw new RegistrationException(Errno.ENOENT, name, "no entry named " + name);
        }
        return found.get();
    }
}
