package org.binfmtbpf.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierOptions;

/**
 * A differential fuzzing campaign: case {@code i} has seed {@code seed + i} and alternates
 * between the KERNEL profile (even i) and the ENGINE profile; each runs on every oracle and
 * goes through the {@link Judge}. It stops after {@code count} cases or {@code time},
 * whichever comes first. Each disagreement is minimised and, when the format can express it,
 * written as a regression {@code .data} file into {@code regressDir} (null: none written).
 *
 * <p>{@code jobs} worker threads run cases, each with its own oracles; the report takes their
 * results in case order ({@link CaseQueue}), so a count-limited campaign reports exactly the
 * same whatever the number of jobs.
 */
public final class Campaign {
    /**
     * What to run. {@code time} null: no time limit; {@code count} 0: no count limit;
     * {@code verifierDir}: where each program our verifier decides differently from the kernel's
     * is written ({@link VerifierDifferenceFile}; null: none written).
     */
    public record Settings(long seed, long count, Duration time, Path regressDir, int maxDisagreements, Path verifierDir) {
        public Settings(long seed, long count, Duration time, Path regressDir, int maxDisagreements) {
            this(seed, count, time, regressDir, maxDisagreements, null);
        }
    }

    /** A snapshot for progress displays. */
    public record Progress(long cases, long disagreements, Duration elapsed, long limitCount, Duration limitTime) {}

    private final Supplier<List<Oracle>> oracles;
    private final List<String> oracleNames;
    private final int kernelIndex;
    private final Settings settings;
    private final int jobs;

    /** One job on these oracles. */
    public Campaign(List<Oracle> oracles, Settings settings) {
        this(() -> oracles, settings, 1);
    }

    /** {@code jobs} workers, each on its own oracles from {@code oracles} (the interpreter first). */
    public Campaign(Supplier<List<Oracle>> oracles, Settings settings, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
        List<Oracle> sample = oracles.get();
        new Judge(sample); // refuses a kernel-first oracle list before any thread starts
        this.oracles = oracles;
        this.oracleNames = sample.stream().map(Oracle::name).toList();
        this.kernelIndex = indexOfKernel(sample);
        this.settings = settings;
        this.jobs = jobs;
    }

    public Report run(Consumer<Progress> progress) {
        Report report = new Report(oracleNames);
        long start = System.nanoTime();
        long deadline = settings.time() == null ? Long.MAX_VALUE : start + settings.time().toNanos();
        long limit = settings.count() == 0 ? Long.MAX_VALUE : settings.count();
        CaseQueue<CaseResult> queue = new CaseQueue<>(limit, deadline, 256L * jobs);
        List<Thread> workers = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            Worker worker = new Worker(new Judge(jobs == 1 ? oracles.get() : freshOracles()), queue);
            Thread t = new Thread(worker, "fuzz-worker-" + j);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        try {
            for (CaseResult r; (r = takeNext(queue, report)) != null; ) {
                record(r, report);
                report.cases++;
                report.elapsed = Duration.ofNanos(System.nanoTime() - start);
                progress.accept(new Progress(report.cases, report.disagreements.size(), report.elapsed, settings.count(), settings.time()));
                if (report.disagreements.size() >= settings.maxDisagreements()) {
                    break;
                }
            }
        } finally {
            queue.stop();
            for (Thread t : workers) {
                joinQuietly(t);
            }
        }
        report.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return report;
    }

    private static CaseResult takeNext(CaseQueue<CaseResult> queue, Report report) {
        try {
            return queue.take(report.cases);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private List<Oracle> freshOracles() {
        List<Oracle> fresh = oracles.get();
        if (!fresh.stream().map(Oracle::name).toList().equals(oracleNames)) {
            throw new IllegalStateException("the oracle supplier gave " + fresh + " after " + oracleNames);
        }
        return fresh;
    }

    private static int indexOfKernel(List<Oracle> oracles) {
        for (int i = 0; i < oracles.size(); i++) {
            if (oracles.get(i) instanceof KernelOracle) {
                return i;
            }
        }
        return -1;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What one case gave: every oracle's outcome, our verifier's verdict when the kernel judged it, the disagreement. */
    private record CaseResult(FuzzCase c, Outcome[] outcomes, Optional<String> ourRefusal, boolean hasVerdict,
            Disagreement disagreement) {}

    private void record(CaseResult r, Report report) {
        for (int i = 0; i < r.outcomes().length; i++) {
            if (r.outcomes()[i] != null) {
                report.outcomes.get(oracleNames.get(i)).merge(r.outcomes()[i].kind(), 1L, Long::sum);
            }
        }
        if (r.outcomes()[0].kind() == Outcome.Kind.REFUSED) {
            report.invalid++;
        }
        if (r.hasVerdict()) {
            Outcome kernel = r.outcomes()[kernelIndex];
            String ours = r.ourRefusal().orElse(null);
            String theirs = kernel.kind() == Outcome.Kind.REFUSED ? kernel.detail() : null;
            if (report.verifier.record(r.c().seed(), ours, theirs) && settings.verifierDir() != null) {
                report.verifierFiles.add(VerifierDifferenceFile.write(settings.verifierDir(), r.c(), ours, theirs));
            }
        }
        if (r.disagreement() != null) {
            report.disagreements.add(r.disagreement());
        }
    }

    /** Takes case indices from the queue and runs them on its own judge. */
    private final class Worker implements Runnable {
        private final Judge judge;
        private final CaseQueue<CaseResult> queue;
        private final boolean withKernel;

        Worker(Judge judge, CaseQueue<CaseResult> queue) {
            this.judge = judge;
            this.queue = queue;
            this.withKernel = kernelIndex >= 0;
        }

        @Override
        public void run() {
            long i = -1;
            try {
                while ((i = queue.next()) >= 0) {
                    queue.put(i, runOne(i));
                }
            } catch (Throwable t) {
                queue.fail(new IllegalStateException("fuzz case " + i + " (seed " + (settings.seed() + i) + "): " + t, t));
            }
        }

        private CaseResult runOne(long i) {
            FuzzCase c = FuzzCase.generate(settings.seed() + i, i % 2 == 0 ? RandomProgram.Profile.KERNEL : RandomProgram.Profile.ENGINE);
            boolean hasVerdict = withKernel && c.kernelProfile();
            String[] ourRefusal = {null};
            Outcome[] outcomes = judge.run(c, built -> {
                if (hasVerdict) {
                    ourRefusal[0] = ourVerdict(built.program());
                }
            });
            if (hasVerdict && outcomes[0].kind() == Outcome.Kind.REFUSED) {
                ourRefusal[0] = outcomes[0].detail(); // the validator refused it: no program was built
            }
            Optional<String> ours = Optional.ofNullable(ourRefusal[0]);
            Disagreement d = judge.judge(c, outcomes).map(this::minimise).orElse(null);
            return new CaseResult(c, outcomes, ours, hasVerdict, d);
        }

        private Disagreement minimise(Disagreement d) {
            Minimiser minimiser = new Minimiser(candidate -> judge.judge(candidate)
                    .filter(again -> again.pair().equals(d.pair())).isPresent(), 400);
            FuzzCase smaller = minimiser.minimise(d.original());
            Disagreement shrunk = judge.judge(smaller).filter(again -> again.pair().equals(d.pair()))
                    .map(again -> again.minimisedTo(smaller, null)).orElse(d);
            shrunk = new Disagreement(shrunk.referenceOracle(), shrunk.otherOracle(), d.original(), shrunk.reference(), shrunk.other(),
                    shrunk.minimised(), null);
            if (settings.regressDir() != null && RegressionFile.expressible(shrunk)) {
                return shrunk.minimisedTo(shrunk.minimised(), RegressionFile.write(settings.regressDir(), shrunk));
            }
            return shrunk;
        }
    }

    /** Log level 0: the refusal's one line is all we compare; a level-1 log of the path costs more than the verdict. */
    private static final VerifierOptions VERDICT_ONLY = VerifierOptions.defaults().withLogLevel(0);

    /** Null when our verifier accepts, else its reason. */
    private static String ourVerdict(Program program) {
        try {
            Verifier.verify(program, VERDICT_ONLY);
            return null;
        } catch (VerificationException e) {
            return e.getMessage();
        }
    }

    /** What a campaign saw. */
    public static final class Report {
        private long cases;
        private long invalid;
        private Duration elapsed = Duration.ZERO;
        private final Map<String, Map<Outcome.Kind, Long>> outcomes = new LinkedHashMap<>();
        private final VerifierAgreement verifier = new VerifierAgreement();
        private final List<Disagreement> disagreements = new ArrayList<>();
        private final List<Path> verifierFiles = new ArrayList<>();

        Report(List<String> oracles) {
            oracles.forEach(o -> outcomes.put(o, new EnumMap<>(Outcome.Kind.class)));
        }

        public long cases() { return cases; }

        /** Cases the validator refused before any oracle ran (the generator should make few). */
        public long invalid() { return invalid; }

        public Duration elapsed() { return elapsed; }

        public double casesPerSecond() {
            return elapsed.isZero() ? 0 : cases / (elapsed.toNanos() / 1e9);
        }

        /** Per oracle: how many cases returned, faulted, were refused. */
        public Map<String, Map<Outcome.Kind, Long>> outcomes() { return outcomes; }

        public VerifierAgreement verifier() { return verifier; }

        public List<Disagreement> disagreements() { return disagreements; }

        /** The {@link VerifierDifferenceFile}s written, in case order. */
        public List<Path> verifierFiles() { return verifierFiles; }
    }
}
