package org.binfmtbpf.binfmt.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.binfmtbpf.fuzz.InputResult;
import org.binfmtbpf.fuzz.InputTarget;

/**
 * Registration-line fuzzing: case i is {@link RegistrationMutator#mutate mutation i} of the
 * seed lines. With the kernel, each batch of lines goes through one private binfmt_misc
 * instance and our model must give the same answer for every line (accepted with the same
 * entry text, or refused with the same errno); without it, the model must only keep its rule
 * of refusing with a one-line {@code RegistrationException} and nothing else.
 */
public final class RegistrationTarget implements InputTarget {
    private final List<RegistrationLine> seeds;
    private final boolean withKernel;

    /** {@code withKernel}: compare with the kernel (check {@link KernelBinfmt#available()} first). */
    public RegistrationTarget(List<RegistrationLine> seeds, boolean withKernel) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no registration line to mutate");
        }
        this.seeds = List.copyOf(seeds);
        this.withKernel = withKernel;
    }

    @Override
    public String name() {
        return "registration";
    }

    @Override
    public String oracle() {
        return withKernel ? "the kernel's binfmt_misc in a private user+mount namespace (accept/refuse, errno, entry text), "
                + batchSize() + " lines per instance" : "the one-line RegistrationException rule (kernel not compared)";
    }

    /** One private instance per batch: its JVM and namespace cost about half a second. */
    @Override
    public int batchSize() {
        return withKernel ? 4000 : 500;
    }

    @Override
    public List<InputResult> run(long seed, long first, int count) {
        List<RegistrationMutator.Mutant> mutants = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            mutants.add(RegistrationMutator.mutate(seeds, seed, i));
        }
        List<byte[]> bytes = mutants.stream().map(RegistrationMutator.Mutant::bytes).toList();
        List<String> model = RegistrationAnswers.model(bytes);
        List<String> kernel = withKernel ? kernel(bytes) : null;
        List<InputResult> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String ours = model.get(k);
            InputResult.Verdict verdict;
            String detail;
            if (ours.startsWith(RegistrationAnswers.BROKEN)) {
                verdict = InputResult.Verdict.WRONG;
                detail = "model " + ours.substring(RegistrationAnswers.BROKEN.length());
            } else if (kernel != null && !kernel.get(k).equals(ours)) {
                verdict = InputResult.Verdict.WRONG;
                detail = "kernel " + RegistrationAnswers.oneLine(kernel.get(k)) + ", model " + RegistrationAnswers.oneLine(ours);
            } else {
                verdict = ours.startsWith("OK\n") ? InputResult.Verdict.ACCEPTED : InputResult.Verdict.REFUSED;
                detail = RegistrationAnswers.oneLine(ours);
            }
            out.add(new InputResult(first + k, seed + first + k, mutants.get(k).from().label(), mutants.get(k).how(), bytes.get(k),
                    verdict, detail, kernel == null ? null : kernel.get(k)));
        }
        return out;
    }

    private static List<String> kernel(List<byte[]> lines) {
        try {
            return RegistrationAnswers.kernel(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel's binfmt_misc did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the kernel's binfmt_misc answered", e);
        }
    }

    @Override
    public String show(byte[] input) {
        return PercentText.encode(input);
    }

    /**
     * Appends the line and the kernel's answer (or {@code ?} when the kernel was not asked) to
     * {@code dir/fuzz-SEED.data}, the format {@code RegistrationRegressionTest} reads:
     * {@code LINE<TAB>ANSWER}, both in {@link PercentText}.
     */
    @Override
    public Path writeRegression(Path dir, InputResult wrong) {
        String expected = wrong.reference() == null ? "?" : PercentText.encode(wrong.reference().getBytes(StandardCharsets.ISO_8859_1));
        String text = "# Found by `binfmt-bpf fuzz --target registration --seed " + wrong.seed() + " --count 1`: " + wrong.origin()
                + ", " + wrong.how() + "\n# " + wrong.detail() + "\n"
                + PercentText.encode(wrong.input()) + "\t" + expected + "\n";
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("fuzz-" + Long.toUnsignedString(wrong.seed()) + ".data");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write regression lines in " + dir, e);
        }
    }
}
