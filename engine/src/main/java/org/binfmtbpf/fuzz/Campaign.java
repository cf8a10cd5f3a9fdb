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
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;

/**
 * A differential fuzzing campaign: case {@code i} has seed {@code seed + i} and alternates
 * between the KERNEL profile (even i) and the ENGINE profile; each runs on every oracle and
 * goes through the {@link Judge}. It stops after {@code count} cases or {@code time},
 * whichever comes first. Each disagreement is minimised and, when the format can express it,
 * written as a regression {@code .data} file into {@code regressDir} (null: none written).
 */
public final class Campaign {
    /** What to run. {@code time} null: no time limit; {@code count} 0: no count limit. */
    public record Settings(long seed, long count, Duration time, Path regressDir, int maxDisagreements) {}

    /** A snapshot for progress displays. */
    public record Progress(long cases, long disagreements, Duration elapsed, long limitCount, Duration limitTime) {}

    private final Judge judge;
    private final Settings settings;
    private final boolean withKernel;

    public Campaign(List<Oracle> oracles, Settings settings) {
        this.judge = new Judge(oracles);
        this.settings = settings;
        this.withKernel = oracles.stream().anyMatch(o -> o instanceof KernelOracle);
    }

    public Report run(Consumer<Progress> progress) {
        Report report = new Report(judge.oracles().stream().map(Oracle::name).toList());
        long start = System.nanoTime();
        long deadline = settings.time() == null ? Long.MAX_VALUE : start + settings.time().toNanos();
        for (long i = 0; settings.count() == 0 || i < settings.count(); i++) {
            if (System.nanoTime() > deadline || report.disagreements.size() >= settings.maxDisagreements()) {
                break;
            }
            FuzzCase c = FuzzCase.generate(settings.seed() + i, i % 2 == 0 ? RandomProgram.Profile.KERNEL : RandomProgram.Profile.ENGINE);
            runOne(c, report);
            report.cases++;
            report.elapsed = Duration.ofNanos(System.nanoTime() - start);
            progress.accept(new Progress(report.cases, report.disagreements.size(), report.elapsed, settings.count(), settings.time()));
        }
        report.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return report;
    }

    private void runOne(FuzzCase c, Report report) {
        Outcome[] outcomes = judge.run(c);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != null) {
                report.outcomes.get(judge.oracles().get(i).name()).merge(outcomes[i].kind(), 1L, Long::sum);
            }
        }
        if (outcomes[0].kind() == Outcome.Kind.REFUSED) {
            report.invalid++;
        }
        if (withKernel && c.kernelProfile()) {
            Outcome kernel = outcomes[indexOfKernel()];
            report.verifier.record(c.seed(), ourVerdict(c), kernel.kind() == Outcome.Kind.REFUSED ? kernel.detail() : null);
        }
        Optional<Disagreement> found = judge.judge(c, outcomes);
        found.ifPresent(d -> report.disagreements.add(minimise(d)));
    }

    private int indexOfKernel() {
        for (int i = 0; i < judge.oracles().size(); i++) {
            if (judge.oracles().get(i) instanceof KernelOracle) {
                return i;
            }
        }
        throw new IllegalStateException("no kernel oracle");
    }

    /** Null when our verifier accepts, else its reason (the validator's when it does not even build). */
    private static String ourVerdict(FuzzCase c) {
        try (FuzzCase.Built built = c.build()) {
            Verifier.verify(built.program());
            return null;
        } catch (InvalidProgramException e) {
            return e.getMessage();
        } catch (VerificationException e) {
            return e.getMessage();
        }
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

    /** What a campaign saw. */
    public static final class Report {
        private long cases;
        private long invalid;
        private Duration elapsed = Duration.ZERO;
        private final Map<String, Map<Outcome.Kind, Long>> outcomes = new LinkedHashMap<>();
        private final VerifierAgreement verifier = new VerifierAgreement();
        private final List<Disagreement> disagreements = new ArrayList<>();

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
    }
}
