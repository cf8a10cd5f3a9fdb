package org.binfmtbpf.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.ExecOutcome;
import org.binfmtbpf.binfmt.ExecRequest;
import org.binfmtbpf.binfmt.FaultListener;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.convert.HandlerCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole binfmt_misc search loop: Debian's 29 qemu registrations as magic ('M') entries,
 * against the same 29 converted one by one into 'B' entries whose programs the JIT compiled.
 * Goal: B within 1.2x of M.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SearchLoopBenchmark {
    /** Debian's qemu registrations, read from ../shared when the benchmark runs from the repository. */
    public static final Path QEMU_CONF = Path.of(System.getProperty("binfmtbpf.shared", "../shared"), "data", "qemu-binfmt.d");

    @Param({"M", "B"})
    public String kind;

    @Param({"aarch64", "host"})
    public String header;

    private BinfmtMisc binfmt;
    private ExecRequest request;

    @Setup
    public void setUp() throws Exception {
        BinfmtMisc magic = BinfmtMisc.stockLinux(path -> null);
        List<String> lines;
        try (Stream<Path> files = Files.list(QEMU_CONF)) {
            lines = files.sorted().map(SearchLoopBenchmark::read).toList();
        }
        if ("M".equals(kind)) {
            lines.forEach(magic::register);
            binfmt = magic;
        } else {
            PinStore pins = new PinStore();
            binfmt = new BinfmtMisc(pins, path -> null, FaultListener.LOG);
            ProgramLoader loader = new ProgramLoader(() -> EngineChoice.named("jit"));
            for (String line : lines) {
                Entry entry = magic.register(line);
                String pin = PinStore.MOUNT + "/" + entry.name();
                pins.pin(pin, loader.load(HandlerCompiler.compile(entry)));
                binfmt.register(HandlerCompiler.registration(entry, pin));
            }
        }
        request = ExecRequest.of("/srv/bin/prog", List.of("prog", "-v"), SampleHeaders.named(header));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Benchmark
    public ExecOutcome resolve() {
        return binfmt.resolve(request);
    }
}
