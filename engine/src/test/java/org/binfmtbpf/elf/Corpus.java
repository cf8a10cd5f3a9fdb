package org.binfmtbpf.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.helpers.HelperRegistry;

/** The C corpus under src/test/resources/corpus: sources and their committed clang-19 objects. */
public final class Corpus {
    private Corpus() {}

    public static Path directory() {
        try {
            return Path.of(Corpus.class.getResource("/corpus/build.sh").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every committed object, by file name ("bpf_calls.bpf.o", ...), sorted. */
    public static List<String> objects() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bpf.o")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String object) {
        try {
            return Files.readAllBytes(directory().resolve(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a corpus object with no helpers registered (the loader does not resolve helper calls). */
    public static LoadedObject load(String object) {
        return ElfLoader.load(bytes(object), object, HelperRegistry.builder().build());
    }
}
