package org.binfmtbpf.binfmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where one "system" lives between command invocations: the binfmt_misc instance and the bpf
 * filesystem, under {@code $XDG_STATE_HOME/binfmt-bpf} (else {@code ~/.local/state/binfmt-bpf}).
 * Consecutive processes see one system: each opens a {@link StateSession}, which holds an
 * exclusive {@link FileLock} (and, within one JVM, a lock per directory) from reading the
 * state until it is closed, and writes atomically (temporary file, fsync, atomic rename).
 * A session that only reads ({@link #openReadOnly}) takes a shared lock, so it never sees
 * one writer's files half-way through a commit, and takes none where the lock file cannot
 * be opened (a read-only directory, where no writer can commit either).
 *
 * <pre>
 * state             status, pins and entries (see {@link StateFile})
 * objects/ID        one stored program per content id (see {@link ProgramCodec})
 * lock              the file the lock is taken on
 * </pre>
 * The CLI keeps its own files beside these: map contents ({@code maps/}, {@code map-sets}) and
 * map pins ({@code map-pins}), written under the same lock.
 */
public final class StateDirectory {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;

    private StateDirectory(Path dir) {
        this.dir = dir;
    }

    public static StateDirectory at(Path dir) {
        return new StateDirectory(dir.toAbsolutePath().normalize());
    }

    /** $XDG_STATE_HOME/binfmt-bpf, else ~/.local/state/binfmt-bpf. */
    public static Path defaultLocation() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("binfmt-bpf");
    }

    public Path path() {
        return dir;
    }

    /** Locks the directory and loads the system; close the session to release the lock. */
    public StateSession open(ProgramLoader loader, ExecutableFiles files, FaultListener faults) {
        return session(this::lockForWriting, loader, files, faults);
    }

    /**
     * Loads the system without locking it against other readers and without creating
     * anything: a shared lock when the lock file exists and can be opened, else none. A missing
     * directory is an empty system. The session cannot {@link StateSession#commit() commit}.
     */
    public StateSession openReadOnly(ProgramLoader loader, ExecutableFiles files, FaultListener faults) {
        return session(this::lockForReading, loader, files, faults);
    }

    /** The lock file's channel and its lock; both null when a reader found no lock file to open. */
    private record Held(FileChannel channel, FileLock lock) {}

    private interface Locking {
        Held lock() throws IOException;
    }

    /**
     * A session holding the in-process lock (FileLocks are per JVM: two sessions of one JVM
     * would overlap) and what {@code locking} takes; on failure both are released.
     */
    private StateSession session(Locking locking, ProgramLoader loader, ExecutableFiles files, FaultListener faults) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        local.lock();
        Held held = null;
        try {
            refuseSymlink(dir);
            held = locking.lock();
            return new StateSession(this, held.channel(), held.lock(), local, loader, files, faults);
        } catch (IOException e) {
            release(held, local);
            throw new UncheckedIOException("state directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(held, local);
            throw e;
        }
    }

    private static void release(Held held, ReentrantLock local) {
        closeQuietly(held == null ? null : held.channel());
        local.unlock();
    }

    private Held lockForWriting() throws IOException {
        Files.createDirectories(dir.resolve("objects"));
        refuseSymlink(dir.resolve("objects"));
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            return new Held(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private Held lockForReading() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileSystemException(dir.toString(), null, "Not a directory");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            return new Held(channel, channel.lock(0, Long.MAX_VALUE, true));
        } catch (NoSuchFileException | AccessDeniedException noLockFile) {
            closeQuietly(channel); // no writer has been here, or none can write here
            return new Held(null, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path stateFile() {
        return dir.resolve("state");
    }

    Path objectFile(String id) {
        if (!id.matches("[0-9a-f]{32}")) {
            throw new IllegalStateException("state directory " + dir + ": bad program id '" + id + "'");
        }
        return dir.resolve("objects").resolve(id);
    }

    /** Writes {@code bytes} to {@code target} atomically: a reader sees the old or the new file, never a part. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel parent = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            parent.force(true); // the rename itself survives a crash
        } catch (IOException ignored) {
            // some filesystems cannot fsync a directory; the rename is still atomic
        }
    }

    private static void refuseSymlink(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            throw new IOException(p + " is a symbolic link; refusing to follow it");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
