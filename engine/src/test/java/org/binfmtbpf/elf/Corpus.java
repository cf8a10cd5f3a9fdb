package org.binfmtbpf.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.testkit.TestResources;

/** The C corpus under src/test/resources/corpus: sources and their committed clang-19 objects. */
public final class Corpus {
    private Corpus() {}

    private static Path directory;

    /**
     * The corpus as a directory. From the engine's test classes it is the resource directory;
     * from the engine's test-jar (the jit module re-runs these tests on its engine) the corpus
     * is first copied out of the jar, since the tools the tests run need real files.
     */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                URI uri = Corpus.class.getResource("/corpus/build.sh").toURI();
                directory = "jar".equals(uri.getScheme()) ? extract(uri) : Path.of(uri).getParent();
            } catch (URISyntaxException | IOException e) {
                throw new IllegalStateException("cannot find the corpus", e);
            }
        }
        return directory;
    }

    private static Path extract(URI buildScript) throws IOException {
        Path out = Files.createTempDirectory("binfmtbpf-corpus");
        Path root = TestResources.pathOf(buildScript.toURL()).getParent();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.toList()) {
                Path target = out.resolve(root.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
                target.toFile().deleteOnExit();
            }
        }
        out.toFile().deleteOnExit();
        return out;
    }

    /**
     * Objects that show the loader alone, under loader-only/: they call helpers the engine does
     * not have (bpf_loop), so {@link #objects()} leaves them out for the tests that run or verify
     * every object.
     */
    public static final String LOOP_CALLBACK = "loader-only/loop_callback.bpf.o";

    /** Every committed object that the engine can load and run, by file name ("bpf_calls.bpf.o", ...), sorted. */
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

    /** Loads a corpus object with {@link #helpers()}. */
    public static LoadedObject load(String object) {
        return ElfLoader.load(bytes(object), object, helpers());
    }

    /** helper 181 (bpf_loop): loop_callback.bpf.o calls it. */
    public static final int BPF_LOOP = 181;

    private static final HelperRegistry HELPERS = StandardHelpers.registry().toBuilder()
            .add(Helper.ofStatic(BPF_LOOP, "loop", HelperPrototype.of(ReturnKind.INTEGER, ArgKind.ANYTHING, ArgKind.ANYTHING,
                    ArgKind.ANYTHING, ArgKind.ANYTHING), Corpus.class, "loopIsNotImplemented"))
            .build();

    /**
     * The standard helpers plus bpf_loop (181), declared so that loop_callback.bpf.o, which shows
     * how a callback's address is linked, loads. The engine does not implement bpf_loop: these
     * tests load that object but never run it.
     */
    public static HelperRegistry helpers() {
        return HELPERS;
    }

    public static long loopIsNotImplemented(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        throw new UnsupportedOperationException("bpf_loop (181) is declared for loading loop_callback.bpf.o only");
    }
}
