package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * open_exec for the 'F' flag, which opens the interpreter at registration: the errno it would
 * fail with, or null when the file can be exec'd.
 */
@FunctionalInterface
public interface ExecutableFiles {
    Errno openExec(String path);

    /**
     * The host's filesystem, as the writer of {@code register} sees it: the path lookup's own errno
     * (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EACCES for a directory without search permission),
     * then EACCES for anything but a regular file with an x bit.
     */
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
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(p, BasicFileAttributes.class); // follows symlinks, as open does
        } catch (NoSuchFileException e) {
            return Errno.ENOENT; // also a dangling symlink
        } catch (AccessDeniedException e) {
            return Errno.EACCES;
        } catch (IOException e) {
            Errno errno = Errno.ofMessage(e.getMessage());
            return errno != null ? errno : Errno.ENOENT;
        }
        // A trailing "/" or "/." asks for a directory (Path.of drops it): a file there is ENOTDIR.
        if ((path.endsWith("/") || path.endsWith("/.")) && !attributes.isDirectory()) {
            return Errno.ENOTDIR;
        }
        if (!attributes.isRegularFile() || !Files.isExecutable(p)) {
            return Errno.EACCES; // directories, devices and files without an x bit
        }
        return null;
    };
}
