package org.binfmtbpf.cli.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.fuzz.RegistrationLine;
import org.binfmtbpf.binfmt.fuzz.RegistrationSeeds;
import org.binfmtbpf.binfmt.fuzz.RegistrationTarget;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.binfmtbpf.cli.Programs;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.demo.DemoCommand;
import org.binfmtbpf.fuzz.ElfTarget;
import org.binfmtbpf.fuzz.InputCampaign;
import org.binfmtbpf.fuzz.InputResult;
import org.binfmtbpf.fuzz.InputTarget;
import org.binfmtbpf.program.ProgramType;

/** The fuzz command's input targets (ELF objects, registration lines): what they start from, and their summary. */
final class InputTargets {
    private InputTargets() {}

    /** The bundled demo object, plus the given objects. */
    static InputTarget elf(List<Path> inputs, Duration caseLimit) {
        List<ElfTarget.Source> sources = new ArrayList<>();
        try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.PROGRAM)) {
            sources.add(new ElfTarget.Source(DemoCommand.PROGRAM, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + DemoCommand.PROGRAM + " is unreadable", e);
        }
        for (Path p : inputs) {
            byte[] bytes = read(p);
            if (bytes.length < 64) {
                throw UserError.badInput(p + ": " + bytes.length + " bytes is too short to be an ELF object to mutate");
            }
            sources.add(new ElfTarget.Source(p.getFileName().toString(), bytes));
        }
        return new ElfTarget(sources, Programs.helpers(ProgramType.BINFMT), caseLimit);
    }

    /**
     * The bundled edge cases and length-limit lines, this machine's binfmt.d lines (qemu-user-static's
     * when installed), plus the given binfmt.d files or directories.
     */
    static InputTarget registration(List<Path> inputs, boolean kernelWanted, PrintWriter err) {
        List<RegistrationLine> seeds = new ArrayList<>(RegistrationSeeds.edgeCases());
        seeds.addAll(RegistrationSeeds.lengths());
        seeds.addAll(RegistrationSeeds.system());
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw UserError.environment(p + ": no such file or directory");
            }
            seeds.addAll(RegistrationSeeds.fromPath(p));
        }
        boolean kernel = kernelWanted && KernelBinfmt.available();
        if (kernelWanted && !kernel) {
            err.println("fuzz: kernel oracle unavailable (" + KernelBinfmt.whyNot() + "); checking the parser's own rule only");
        }
        return new RegistrationTarget(seeds, kernel);
    }

    private static byte[] read(Path p) {
        try {
            if (Files.isDirectory(p)) {
                throw UserError.environment(p + ": is a directory");
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw UserError.environment(p + ": no such file");
        } catch (IOException e) {
            throw UserError.environment(p + ": " + e.getMessage());
        }
    }

    static void summary(PrintWriter out, InputTarget target, InputCampaign.Report r) {
        out.printf("%d cases in %.1f s (%.0f per second)%n", r.cases(), r.elapsed().toMillis() / 1000.0, r.casesPerSecond());
        out.printf("checked against %s%n", target.oracle());
        out.printf("%-13s %10s %10s %10s%n", "target", "accepted", "refused", "wrong");
        out.printf("%-13s %10d %10d %10d%n", target.name(), r.count(InputResult.Verdict.ACCEPTED),
                r.count(InputResult.Verdict.REFUSED), r.count(InputResult.Verdict.WRONG));
        out.printf("%d disagreements%n", r.wrong().size());
        for (InputCampaign.Wrong w : r.wrong()) {
            out.println("  " + r.reproducer(w.result()));
            out.println("    regression file: " + (w.regressionFile() == null ? "none" : w.regressionFile()));
        }
    }
}
