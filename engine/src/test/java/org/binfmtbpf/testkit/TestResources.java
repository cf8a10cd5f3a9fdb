package org.binfmtbpf.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Test resources as paths, whether they are files (the engine module's own tests) or entries
 * of the engine test-jar (its tests rerun on the JIT from the jit module). A jar's file system
 * is opened once per JVM and stays open: every test class shares it.
 */
public final class TestResources {
    private TestResources() {}

    public static Path pathOf(URL url) {
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Paths.get(uri);
            }
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            return fs.provider().getPath(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open test resources at " + url, e);
        }
    }
}
