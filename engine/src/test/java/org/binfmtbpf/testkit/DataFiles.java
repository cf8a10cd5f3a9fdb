package org.binfmtbpf.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.binfmtbpf.conformance.SharedData;

/**
 * Where the {@code .data} files are: the project's own under the test resource folder
 * {@code data/} (a directory, or a folder of the engine test-jar when another module reuses
 * these tests), and the public bpf_conformance suite under {@code ${binfmtbpf.shared}/bpf-conformance/tests}
 * or {@code $BPF_CONFORMANCE_DIR}.
 */
public final class DataFiles {
    private DataFiles() {}

    /** The project's own .data files, sorted by path. */
    public static List<Path> project() {
        URL url = DataFiles.class.getClassLoader().getResource("data");
        if (url == null) {
            throw new IllegalStateException("test resource folder 'data' is not on the class path");
        }
        return list(TestResources.pathOf(url));
    }

    /**
     * The public conformance suite's test directory, if it is on this machine: in the shared
     * data ({@link SharedData}), else under {@code $BPF_CONFORMANCE_DIR}.
     */
    public static Optional<Path> conformanceSuite() {
        Optional<Path> shared = SharedData.find("bpf-conformance/tests");
        if (shared.isPresent()) {
            return shared;
        }
        String env = System.getenv("BPF_CONFORMANCE_DIR");
        if (env != null) {
            Path dir = Paths.get(env);
            if (Files.isDirectory(dir.resolve("tests"))) {
                return Optional.of(dir.resolve("tests"));
            }
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Every {@code *.data} file under {@code dir}, sorted. */
    public static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".data")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
