package org.binfmtbpf.binfmt;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * open_exec for the 'F' flag, which opens the interpreter at registration: the errno it would
 * fail with, or null when the file can be exec'd.
 */
@FunctionalInterface
public interface ExecutableFiles {
    Errno openExec(String path);

    /** The host's filesystem, as the writer of {@code register} sees it. */
    ExecutableFiles HOST = path -> {
        if (path.isEmpty()) {
            return Errno.ENOENT;
        }
        Path p;
        try {
            p = Path.of(Latin1.toUtf8(path));
        } catch (InvalidPathException e) {
            return Errno.ENOENT;
        }
        for (Path parent = p.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent) && !Files.isDirectory(parent)) {
                return Errno.ENOTDIR;
            }
        }
        if (!Files.exists(p)) {
            return Errno.ENOENT; // also a dangling symlink
        }
        // A trailing "/" or "/." asks for a directory (Path.of drops it): a file there is ENOTDIR.
        if ((path.endsWith("/") || path.endsWith("/.")) && !Files.isDirectory(p)) {
            return Errno.ENOTDIR;
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            return Errno.EACCES; // directories, devices and files without an x bit
        }
        return null;
    };
}
