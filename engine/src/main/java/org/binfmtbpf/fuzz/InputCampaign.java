package org.binfmtbpf.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A campaign of mutated inputs on one {@link InputTarget}, batch by batch, until {@code count}
 * cases, {@code time} or {@code maxDisagreements} WRONG cases. Progress is reported after each
 * batch in the same form as the program campaign's.
 */
public final class InputCampaign {
    private final InputTarget target;
    private final Campaign.Settings settings;

    public InputCampaign(InputTarget target, Campaign.Settings settings) {
        this.target = target;
        this.settings = settings;
    }

    public Report run(Consumer<Campaign.Progress> progress) {
        Report report = new Report(target);
        long start = System.nanoTime();
        long deadline = settings.time() == null ? Long.MAX_VALUE : start + settings.time().toNanos();
        long limit = settings.count() == 0 ? Long.MAX_VALUE : settings.count();
        while (report.cases < limit && System.nanoTime() <= deadline && report.wrong.size() < settings.maxDisagreements()) {
            int n = (int) Math.min(target.batchSize(), limit - report.cases);
            for (InputResult r : target.run(settings.seed(), report.cases, n)) {
                report.verdicts.merge(r.verdict(), 1L, Long::sum);
                if (r.verdict() == InputResult.Verdict.WRONG && report.wrong.size() < settings.maxDisagreements()) {
                    Path file = settings.regressDir() == null ? null : target.writeRegression(settings.regressDir(), r);
                    report.wrong.add(new Wrong(r, file));
                }
            }
            report.cases += n;
            report.elapsed = Duration.ofNanos(System.nanoTime() - start);
            progress.accept(new Campaign.Progress(report.cases, report.wrong.size(), report.elapsed, settings.count(), settings.time()));
        }
        report.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return report;
    }

    /** A WRONG case and its regression file (null: none written). */
    public record Wrong(InputResult result, Path regressionFile) {}

    /** What the campaign saw. */
    public static final class Report {
        private final InputTarget target;
        private long cases;
        private Duration elapsed = Duration.ZERO;
        private final Map<InputResult.Verdict, Long> verdicts = new EnumMap<>(InputResult.Verdict.class);
        private final List<Wrong> wrong = new ArrayList<>();

        Report(InputTarget target) {
            this.target = target;
        }

        public long cases() { return cases; }

        public Duration elapsed() { return elapsed; }

        public double casesPerSecond() {
            return elapsed.isZero() ? 0 : cases / (elapsed.toNanos() / 1e9);
        }

        public long count(InputResult.Verdict v) { return verdicts.getOrDefault(v, 0L); }

        public List<Wrong> wrong() { return wrong; }

        /** One line that reproduces a WRONG case: target, seed, case index, mutation, the input, what went wrong. */
        public String reproducer(InputResult r) {
            return target.name() + " case " + r.index() + " (--seed " + r.seed() + " --count 1): " + r.origin() + ", " + r.how()
                    + ": " + target.show(r.input()) + ": " + r.detail();
        }
    }
}
