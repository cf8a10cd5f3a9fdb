package org.binfmtbpf.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.binfmtbpf.elf.ElfFormatException;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.elf.ElfMutator;
import org.binfmtbpf.helpers.HelperRegistry;

/**
 * Hostile-object fuzzing of {@link ElfLoader}: case i mutates one of the given objects
 * ({@link ElfMutator}, {@link CaseRandom} choosing the object too). Every mutant must
 * load or be refused with a one-line {@link ElfFormatException} that starts with the object's
 * name, within {@code timeLimit}; anything else (another exception, an Error, a second line,
 * a hang) is WRONG. The kernel is not asked: libbpf refuses and accepts by rules of its own.
 */
public final class ElfTarget implements InputTarget {
    /** An object to mutate: its name (used in the loader's messages) and bytes. */
    public record Source(String name, byte[] bytes) {}

    private final List<Source> sources;
    private final BiFunction<byte[], String, Judged> judge;
    private final Duration timeLimit;
    private ExecutorService loader = newLoader();

    public ElfTarget(List<Source> sources, HelperRegistry helpers, Duration timeLimit) {
        this(sources, (bytes, name) -> judge(bytes, name, helpers), timeLimit);
    }

    /** With another judge than the loader (tests of the time limit). */
    ElfTarget(List<Source> sources, BiFunction<byte[], String, Judged> judge, Duration timeLimit) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no object to mutate");
        }
        for (Source s : sources) {
            if (s.bytes().length < 64) {
                throw new IllegalArgumentException(s.name() + ": " + s.bytes().length + " bytes is too short to be an ELF object to mutate");
            }
        }
        this.sources = List.copyOf(sources);
        this.judge = judge;
        this.timeLimit = timeLimit;
    }

    @Override
    public String name() {
        return "elf";
    }

    @Override
    public String oracle() {
        return "the one-line ElfFormatException rule (libbpf/bpftool not compared), " + timeLimit.toMillis() + " ms per object";
    }

    @Override
    public int batchSize() {
        return 64;
    }

    @Override
    public List<InputResult> run(long seed, long first, int count) {
        List<InputResult> out = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            Random random = CaseRandom.of(seed, i);
            Source source = sources.get(random.nextInt(sources.size()));
            ElfMutator.Mutant mutant = ElfMutator.mutate(source.bytes(), random);
            Judged j = judgeWithin(mutant.bytes(), source.name());
            out.add(new InputResult(i, seed + i, source.name(), mutant.how(), mutant.bytes(), j.verdict(), j.detail(), null));
        }
        return out;
    }

    /** A verdict and its detail: the refusal, or what broke the rule. */
    public record Judged(InputResult.Verdict verdict, String detail) {}

    /** Loads {@code bytes} as {@code name}: ACCEPTED, REFUSED with a one-line message naming the object, or WRONG. */
    public static Judged judge(byte[] bytes, String name, HelperRegistry helpers) {
        try {
            ElfLoader.load(bytes, name, helpers).close();
            return new Judged(InputResult.Verdict.ACCEPTED, "loaded");
        } catch (ElfFormatException e) {
            String m = e.getMessage();
            if (m.contains("\n") || m.contains("\r")) {
                return new Judged(InputResult.Verdict.WRONG, "multi-line message: " + m.replace("\n", "\\n").replace("\r", "\\r"));
            }
            if (!m.startsWith(name + ": ")) {
                return new Judged(InputResult.Verdict.WRONG, "message does not name the object: " + m);
            }
            return new Judged(InputResult.Verdict.REFUSED, m);
        } catch (Throwable t) { // the rule under test: nothing else may escape, not even an Error
            return new Judged(InputResult.Verdict.WRONG, "threw " + t);
        }
    }

    private Judged judgeWithin(byte[] bytes, String name) {
        Future<Judged> f = loader.submit(() -> judge.apply(bytes, name));
        try {
            return f.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // A hung load cannot be stopped safely; abandon its (daemon) thread and go on with a new one.
            f.cancel(true);
            loader.shutdownNow();
            loader = newLoader();
            return new Judged(InputResult.Verdict.WRONG, "still loading after " + timeLimit.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Judged(InputResult.Verdict.WRONG, "threw " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Judged(InputResult.Verdict.WRONG, "interrupted");
        }
    }

    private static ExecutorService newLoader() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "elf-fuzz-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** A mutant is shown by its size and first bytes; its regression file holds all of it, and its seed makes it again. */
    @Override
    public String show(byte[] input) {
        return input.length + " bytes, starting " + HexFormat.of().formatHex(input, 0, Math.min(16, input.length));
    }

    /** Writes {@code dir/ORIGIN-SEED.o}: ElfRegressionTest loads every object there. */
    @Override
    public Path writeRegression(Path dir, InputResult wrong) {
        try {
            Files.createDirectories(dir);
            String base = wrong.origin().replaceAll("\\.bpf\\.o$|\\.o$", "").replaceAll("[^A-Za-z0-9_-]", "_");
            Path file = dir.resolve(base + "-" + Long.toUnsignedString(wrong.seed()) + ".o");
            Files.write(file, wrong.input());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write regression object in " + dir, e);
        }
    }
}
