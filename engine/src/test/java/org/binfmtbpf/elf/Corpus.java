package org.binfmtbpf.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
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
