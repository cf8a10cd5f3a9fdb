package org.binfmtbpf.cli.fuzz;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.fuzz.Campaign;
import org.binfmtbpf.fuzz.Disagreement;
import org.binfmtbpf.fuzz.EngineOracle;
import org.binfmtbpf.fuzz.InputCampaign;
import org.binfmtbpf.fuzz.InputTarget;
import org.binfmtbpf.fuzz.KernelOracle;
import org.binfmtbpf.fuzz.Oracle;
import org.binfmtbpf.fuzz.Outcome;
import org.binfmtbpf.fuzz.VerifierAgreement;
import org.binfmtbpf.jit.JitEngine;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.run.Interpreter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Differential fuzzing: random programs on the interpreter, the JIT and the kernel, which must
 * agree; mutated ELF objects through the loader; mutated registration lines against the kernel.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Fuzz the engines, the ELF loader or the registration parser against their oracles.",
            "By default runs seeded random programs (every instruction class, cpu v4, atomics, local calls, "
                + "bounded loops, context, stack and array-map traffic) on the interpreter, the JIT and the kernel "
                + "(bpf(2), as syscall programs), and reports every disagreement, minimised and written as a "
                + "regression .data file.",
            "--target elf and --target registration fuzz the ELF loader and the registration parser instead. "
                + "See docs/FUZZING.md."})
public final class FuzzCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first case (case i has seed S+i). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--count", defaultValue = "1000", description = "Cases to run; 0: until --time. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--time", paramLabel = "DURATION", description = "Stop after this long: 90s, 10m, 1h.")
    String time;

    @Option(names = "--oracle", split = ",", defaultValue = "interp,jit,kernel",
            description = "Oracles, the interpreter first: interp, jit, kernel. Default: ${DEFAULT-VALUE}.")
    List<String> oracles;

    @Option(names = "--target", defaultValue = "program", paramLabel = "TARGET",
            description = "What to fuzz: program (random programs on the oracles), elf (mutated objects through the loader),"
                    + " registration (mutated registration lines: our parser against the kernel's binfmt_misc). Default: ${DEFAULT-VALUE}.")
    String target;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "elf: more objects to mutate (the bundled demo object is always one);"
                    + " registration: more files of registration lines (the binfmt.d format) or directories of them.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--case-time", paramLabel = "DURATION", defaultValue = "10s",
            description = "--target elf: a load that takes longer is a disagreement (a hang). Default: ${DEFAULT-VALUE}.")
    String caseTime;

    @Option(names = "--regress-dir", paramLabel = "DIR",
            description = "Where disagreements are written for the regression tests. Default, per target:"
                    + " engine/src/test/resources/data/regress, engine/src/test/resources/elf-regress,"
                    + " binfmt/src/test/resources/registrations/regress.")
    Path regressDir;

    @Option(names = "--verifier-dir", paramLabel = "DIR",
            description = "--target program with the kernel: write each program our verifier and the kernel's decide"
                    + " differently as DIR/verifier-SEED.txt (both verdicts, the program, its raw slots). Default: none"
                    + " (the summary lists the first seeds of each class).")
    Path verifierDir;

    @Option(names = "--max-disagreements", defaultValue = "20", description = "Stop after this many. Default: ${DEFAULT-VALUE}.")
    int maxDisagreements;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "--target program: worker threads, each with its own oracles; the summary is the same whatever N."
                    + " Default: the number of processors.")
    Integer jobs;

    @Override
    public Integer call() {
        Duration limit = time == null ? null : duration(time);
        if (count < 0) {
            throw UserError.usage("--count: must be at least 0, not " + count);
        }
        if (count == 0 && limit == null) {
            throw UserError.usage("--count 0 needs --time");
        }
        return switch (target) {
            case "program" -> programs(limit);
            case "elf" -> inputs(InputTargets.elf(inputs, duration(caseTime)), limit, "engine/src/test/resources/elf-regress");
            case "registration" -> inputs(InputTargets.registration(inputs, oracles.contains("kernel"), spec.commandLine().getErr()),
                    limit, "binfmt/src/test/resources/registrations/regress");
            default -> throw UserError.usage("--target: unknown target '" + target + "' (program, elf, registration)");
        };
    }

    private int inputs(InputTarget t, Duration limit, String defaultRegressDir) {
        PrintWriter out = spec.commandLine().getOut();
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr());
        InputCampaign.Report report = new InputCampaign(t, settings(limit, defaultRegressDir)).run(progress::update);
        progress.finish();
        InputTargets.summary(out, t, report);
        out.flush();
        return report.wrong().isEmpty() ? 0 : 1;
    }

    private int programs(Duration limit) {
        if (!inputs.isEmpty()) {
            throw UserError.usage("files are inputs of --target elf or registration, not of program");
        }
        oracles(true); // checks the list and says now when the kernel is missing
        int workers = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (workers < 1) {
            throw UserError.usage("--jobs: must be at least 1, not " + workers);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine progress = new ProgressLine(err);
        Campaign.Report report = new Campaign(() -> oracles(false), settings(limit, "engine/src/test/resources/data/regress"), workers)
                .run(progress::update);
        progress.finish();
        summary(out, report);
        out.flush();
        return report.disagreements().isEmpty() ? 0 : 1;
    }

    private Campaign.Settings settings(Duration limit, String defaultRegressDir) {
        return new Campaign.Settings(seed, count, limit, regressDir != null ? regressDir : Path.of(defaultRegressDir), maxDisagreements,
                verifierDir);
    }

    /** A fresh set of the chosen oracles (one per worker); {@code tell}: say when the kernel is unavailable. */
    private List<Oracle> oracles(boolean tell) {
        for (String name : oracles) {
            if (!List.of("interp", "jit", "kernel").contains(name)) {
                throw UserError.usage("--oracle: unknown oracle '" + name + "' (interp, jit, kernel)");
            }
        }
        if (oracles.isEmpty() || !oracles.get(0).equals("interp")) {
            throw UserError.usage("--oracle: the interpreter must come first (it is the reference): interp,jit,kernel");
        }
        List<Oracle> out = new ArrayList<>();
        for (String name : oracles) {
            switch (name) {
                case "interp" -> out.add(new EngineOracle(new Interpreter()));
                case "jit" -> out.add(new EngineOracle(new JitEngine()));
                case "kernel" -> {
                    if (KernelBpf.available()) {
                        out.add(new KernelOracle());
                    } else if (tell) {
                        spec.commandLine().getErr().println("fuzz: kernel oracle unavailable (" + KernelBpf.unavailableReason()
                                + "); running without it");
                    }
                }
                default -> throw new IllegalStateException("checked above: " + name);
            }
        }
        return out;
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase();
        try {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw UserError.usage("--time: '" + text + "' is not a duration like 90s, 10m or 1h");
        }
    }

    private static String seeds(VerifierAgreement.Example ex) {
        String list = ex.seeds().stream().map(Long::toUnsignedString).collect(java.util.stream.Collectors.joining(", "));
        return (ex.seeds().size() == 1 ? "seed " : "seeds ") + list + (ex.count() > ex.seeds().size() ? ", ..." : "");
    }

    private static void summary(PrintWriter out, Campaign.Report r) {
        out.printf("%d cases in %.1f s (%.0f per second), %d refused by the validator%n", r.cases(),
                r.elapsed().toMillis() / 1000.0, r.casesPerSecond(), r.invalid());
        out.printf("%-8s %10s %10s %10s%n", "oracle", "returned", "faulted", "refused");
        for (Map.Entry<String, Map<Outcome.Kind, Long>> e : r.outcomes().entrySet()) {
            Map<Outcome.Kind, Long> k = e.getValue();
            out.printf("%-8s %10d %10d %10d%n", e.getKey(), k.getOrDefault(Outcome.Kind.RETURNED, 0L),
                    k.getOrDefault(Outcome.Kind.FAULTED, 0L), k.getOrDefault(Outcome.Kind.REFUSED, 0L));
        }
        VerifierAgreement v = r.verifier();
        if (v.decisions() > 0) {
            out.printf("verifier vs kernel: %d of %d decisions agree (%.2f%%): both accept %d, both refuse %d%n", v.agreements(),
                    v.decisions(), 100 * v.rate(), v.bothAccept(), v.bothRefuse());
            v.oursOnlyAccepts().forEach((reason, ex) -> out.printf("  ours accepts, kernel refuses x%d: %s (%s)%n",
                    ex.count(), ex.message(), seeds(ex)));
            v.kernelOnlyAccepts().forEach((reason, ex) -> out.printf("  kernel accepts, ours refuses x%d: %s (%s)%n",
                    ex.count(), ex.message(), seeds(ex)));
            if (!r.verifierFiles().isEmpty()) {
                out.printf("  %d programs written: %s ...%n", r.verifierFiles().size(), r.verifierFiles().get(0));
            }
        }
        out.printf("%d disagreements%n", r.disagreements().size());
        for (Disagreement d : r.disagreements()) {
            out.println("  " + d);
            out.println("    regression file: " + (d.dataFile() == null ? "none (uses the array map, or not expressible)" : d.dataFile()));
        }
    }
}
