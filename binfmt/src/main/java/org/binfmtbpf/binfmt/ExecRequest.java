package org.binfmtbpf.binfmt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One execve as binfmt_misc sees it.
 *
 * @param path             the filename as exec'd ({@code ./x.foo}, a PATH-expanded path, {@code /dev/fd/3}),
 *                         a byte string (see {@link Latin1}); 'E' entries match on it
 * @param argv             the argv passed to execve (may be empty)
 * @param header           BINPRM_BUF_SIZE bytes: the file's first bytes, zero-filled after its end
 * @param pathInaccessible true for an fexecve of a close-on-exec descriptor: the interpreter could not
 *                         reopen the binary, so the kernel refuses with ENOENT (BINPRM_FLAGS_PATH_INACCESSIBLE)
 */
public record ExecRequest(String path, List<String> argv, byte[] header, boolean pathInaccessible) {
    public ExecRequest {
        argv = List.copyOf(argv);
        header = Arrays.copyOf(header, RegistrationParser.HEADER_SIZE);
    }

    /** A request for a binary whose first bytes are {@code fileStart} (any length; only 256 are read). */
    public static ExecRequest of(String path, List<String> argv, byte[] fileStart) {
        return new ExecRequest(path, argv, fileStart, false);
    }

    /** Reads the first 256 bytes of {@code file}; {@code pathAsExeced} is what execve was given. */
    public static ExecRequest ofFile(Path file, String pathAsExeced, List<String> argv) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(pathAsExeced, argv, in.readNBytes(RegistrationParser.HEADER_SIZE));
        }
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    /** The header without a copy, for the search loop. */
    byte[] headerView() {
        return header;
    }
}
