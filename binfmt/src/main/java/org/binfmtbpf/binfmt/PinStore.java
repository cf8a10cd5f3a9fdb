package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.binfmtbpf.program.ProgramType;

/**
 * A model of the bpf filesystem mounted at {@value #MOUNT}: programs pinned by path, as
 * {@code bpftool prog load x.o /sys/fs/bpf/x} leaves them. Pin paths are names inside this
 * model, never host paths (the state directory stores pins in one index file and programs by
 * content id), so no pin can reach outside its root: {@code ..} is resolved lexically and
 * a path that leaves the mount is refused.
 */
public final class PinStore implements ProgramLookup {
    public static final String MOUNT = "/sys/fs/bpf";

    private final Map<String, PinnedProgram> pins = new TreeMap<>();

    /** Pins {@code program} at {@code path}: EEXIST when taken, EPERM outside the bpf filesystem. */
    public synchronized String pin(String path, PinnedProgram program) {
        String normal = insideMount(path, "pin");
        if (pins.containsKey(normal) || normal.equals(MOUNT)) {
            throw new RegistrationException(Errno.EEXIST, "pin", normal + " is already pinned");
        }
        pins.put(normal, program);
        return normal;
    }

    /** Removes the pin (a 'B' entry using the program keeps it, as the kernel's reference does). */
    public synchronized void unpin(String path) {
        String normal = insideMount(path, "pin");
        if (pins.remove(normal) == null) {
            throw new RegistrationException(Errno.ENOENT, "pin", "nothing is pinned at " + normal);
        }
    }

    /** Path to program, sorted by path. */
    public synchronized Map<String, PinnedProgram> pins() {
        return Collections.unmodifiableMap(new TreeMap<>(pins));
    }

    /**
     * bpf_prog_get_type_path for a 'B' registration: ENOENT when nothing is pinned there,
     * EACCES for an existing host file outside the bpf filesystem, EINVAL for a program of a
     * type binfmt_misc does not run (the RFC takes SOCKET_FILTER; this model also BINFMT).
     */
    @Override
    public synchronized PinnedProgram programAt(String path) {
        String normal = normalize(path);
        if (normal == null || !isInsideMount(normal)) {
            if (normal != null && hostFileExists(path)) {
                throw new RegistrationException(Errno.EACCES, "program", path + " is not in the bpf filesystem ("
                        + MOUNT + ")");
            }
            throw new RegistrationException(Errno.ENOENT, "program", "nothing is pinned at " + path);
        }
        PinnedProgram program = pins.get(normal);
        if (program == null) {
            throw new RegistrationException(Errno.ENOENT, "program", "nothing is pinned at " + normal);
        }
        ProgramType type = program.source().type();
        if (type != ProgramType.SOCKET_FILTER && type != ProgramType.BINFMT) {
            throw new RegistrationException(Errno.EINVAL, "program", normal + " is a " + type.sectionName()
                    + " program; 'B' entries run socket filter or binfmt programs");
        }
        return program;
    }

    /**
     * {@code path} as the bpf filesystem names it, for anything pinned there (maps too):
     * lexically normalised; EINVAL when not absolute, EPERM outside the mount.
     */
    public static String pinPath(String path) {
        return insideMount(path, "pin");
    }

    private static String insideMount(String path, String field) {
        String normal = normalize(path);
        if (normal == null) {
            throw new RegistrationException(Errno.EINVAL, field, "'" + path + "' is not an absolute path");
        }
        if (!isInsideMount(normal)) {
            throw new RegistrationException(Errno.EPERM, field, path + " is outside the bpf filesystem (" + MOUNT + ")");
        }
        return normal;
    }

    private static boolean isInsideMount(String normal) {
        return normal.equals(MOUNT) || normal.startsWith(MOUNT + "/");
    }

    /** Lexical normalisation: absolute, no empty, '.' or '..' components; null when not absolute. */
    static String normalize(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static boolean hostFileExists(String path) {
        try {
            return Files.exists(Path.of(Latin1.toUtf8(path)));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    synchronized void restore(Map<String, PinnedProgram> restored) {
        pins.clear();
        pins.putAll(restored);
    }
}
