package org.binfmtbpf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a command's input file, with {@code -} meaning stdin, and errors that name the file. */
public final class InputFiles {
    private InputFiles() {}

    public static byte[] bytes(String file, InputStream stdin) throws IOException {
        if (file.equals("-")) {
            return stdin.readAllBytes();
        }
        return bytes(Path.of(file));
    }

    /** The file's bytes; a directory is named in the error (the JDK's own message names nothing). */
    public static byte[] bytes(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw UserError.environment(file + ": is a directory");
        }
        return Files.readAllBytes(file);
    }

    public static String text(String file, InputStream stdin) throws IOException {
        return new String(bytes(file, stdin), StandardCharsets.UTF_8);
    }
}
