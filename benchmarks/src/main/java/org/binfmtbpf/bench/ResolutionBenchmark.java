package org.binfmtbpf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.ElfProgramSource;
import org.binfmtbpf.binfmt.Engines;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.ExecOutcome;
import org.binfmtbpf.binfmt.ExecRequest;
import org.binfmtbpf.binfmt.FaultListener;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.convert.HandlerCompiler;
import org.binfmtbpf.conformance.SharedData;
import org.binfmtbpf.program.ProgramType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One exec through binfmt_misc holding the 29 qemu registrations (shared/data/qemu-binfmt.d):
 * as 'M' entries, or converted to 'B' programs on the interpreter or the JIT. The aarch64
 * header is claimed by the qemu-aarch64 entry (the first file, so the oldest entry and the
 * last one searched), so every entry is tried; the host's own /bin/ls matches none of them.
 * Goal: the B entries on the JIT within 1.2x of the M entries.
 *
 * <p>{@code table-interp} and {@code table-jit} register instead the one program a user of
 * 'B' would write for this: the bundled qemu matcher, one entry holding all 29 magics.
 */
public class ResolutionBenchmark extends NanosPerRun {
    /** "magic": the M entries; "interp"/"jit": their B conversions on that engine; "table-*": the one bundled program. */
    @Param({"magic", "interp", "jit", "table-interp", "table-jit"})
    public String handlers;

    @Param({"aarch64", "host"})
    public String header;

    private BinfmtMisc misc;
    private ExecRequest request;

    @Setup
    public void setup() throws IOException {
        misc = handlers.startsWith("table-") ? bundledProgram(handlers.substring("table-".length())) : qemuEntries();
        request = ExecRequest.of("/srv/arm/bin/tool", List.of("tool", "--version"), SampleHeaders.named(header));
        check();
    }

    /** The 29 qemu lines, as M entries or each converted to a B entry on the engine. */
    private BinfmtMisc qemuEntries() throws IOException {
        BinfmtMisc magic = BinfmtMisc.stockLinux(path -> null);
        PinStore pins = new PinStore();
        BinfmtMisc programs = new BinfmtMisc(pins, path -> null, FaultListener.LOG);
        ProgramLoader loader = handlers.equals("magic") ? null : new ProgramLoader(() -> Engines.named(handlers));
        for (Path conf : qemuLines()) {
            Entry entry = magic.register(Files.readAllBytes(conf));
            if (loader != null) {
                String pin = "/sys/fs/bpf/" + entry.name();
                pins.pin(pin, loader.load(HandlerCompiler.compile(entry)));
                programs.register(HandlerCompiler.registration(entry, pin));
            }
        }
        return loader == null ? magic : programs;
    }

    /** One B entry: the bundled qemu matcher on the engine. */
    private static BinfmtMisc bundledProgram(String engine) {
        PinStore pins = new PinStore();
        BinfmtMisc programs = new BinfmtMisc(pins, path -> null, FaultListener.LOG);
        ProgramLoader loader = new ProgramLoader(() -> Engines.named(engine));
        pins.pin("/sys/fs/bpf/qemu", loader.load(ElfProgramSource.firstProgram("qemu.bpf.o", BenchPrograms.qemuObject(),
                ProgramType.BINFMT, ProgramLoader.helpersFor(ProgramType.BINFMT))));
        programs.register(":qemu:B:/sys/fs/bpf/qemu::::P".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return programs;
    }

    private void check() {
        boolean resolved = misc.resolve(request) instanceof ExecOutcome.Resolved;
        if (resolved != header.equals("aarch64")) {
            throw new IllegalStateException("the " + header + " header " + (resolved ? "matched" : "matched no entry"));
        }
    }

    @Benchmark
    public ExecOutcome resolve() {
        return misc.resolve(request);
    }

    private static List<Path> qemuLines() throws IOException {
        Path dir = SharedData.find("data/qemu-binfmt.d").orElseThrow(() -> new IOException(SharedData.absent("data/qemu-binfmt.d")));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
        }
    }
}
