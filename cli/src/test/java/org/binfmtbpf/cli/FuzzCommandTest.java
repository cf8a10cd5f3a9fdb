package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.binfmtbpf.binfmt.kernel.KernelBinfmt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz command: a short campaign of each target prints its summary table; the same seed gives
 * the same summary whatever the number of jobs; bad options are one-line usage errors.
 */
class FuzzCommandTest {
    @TempDir Path dir;

    @Test
    void aShortCampaignPrintsOutcomesPerOracleAndNoDisagreement() {
        Cli.Result r = Cli.run("fuzz", "--seed", "7", "--count", "40", "--oracle", "interp,jit", "--regress-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("40 cases in "), r.out());
        assertTrue(r.out().contains("\ninterp ") && r.out().contains("\njit "), r.out());
        assertTrue(r.out().endsWith("0 disagreements\n"), r.out());
    }

    /** Everything but the first line (its timing). */
    private static String summaryAfterTiming(Cli.Result r) {
        return r.out().substring(r.out().indexOf('\n') + 1);
    }

    @Test
    void theSameSeedGivesTheSameSummaryWithOneOrThreeJobs() {
        Cli.Result one = Cli.run("fuzz", "--seed", "11", "--count", "120", "--oracle", "interp,jit", "--jobs", "1", "--regress-dir", dir.toString());
        Cli.Result three = Cli.run("fuzz", "--seed", "11", "--count", "120", "--oracle", "interp,jit", "-j", "3", "--regress-dir", dir.toString());
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(0, three.exitCode(), three.err());
        assertTrue(one.out().startsWith("120 cases in "), one.out());
        assertEquals(summaryAfterTiming(one), summaryAfterTiming(three));
    }

    @Test
    void elfTargetLoadsOrRefusesEveryMutantInOneLine() {
        String demo = "src/main/resources/org/binfmtbpf/cli/demo/qemu.bpf.o";
        Cli.Result r = Cli.run("fuzz", "--target", "elf", "--seed", "3", "--count", "300", "--regress-dir", dir.toString(), demo);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("300 cases in "), r.out());
        assertTrue(r.out().contains("checked against the one-line ElfFormatException rule"), r.out());
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("\nelf +(\\d+) +(\\d+) +0\n").matcher(r.out());
        assertTrue(row.find(), r.out());
        assertEquals(300, Long.parseLong(row.group(1)) + Long.parseLong(row.group(2)), r.out());
        assertTrue(Long.parseLong(row.group(2)) > 30, "mutants should mostly be refused: " + r.out());
        assertTrue(r.out().endsWith("0 disagreements\n"), r.out());
        assertEquals(summaryAfterTiming(r), summaryAfterTiming(Cli.run("fuzz", "--target", "elf", "--seed", "3", "--count", "300",
                "--regress-dir", dir.toString(), demo)));
    }

    @Test
    void registrationTargetWithoutTheKernelChecksTheParsersRule() {
        Cli.Result r = Cli.run("fuzz", "--target", "registration", "--oracle", "interp", "--seed", "5", "--count", "1000",
                "--regress-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checked against the one-line RegistrationException rule (kernel not compared)"), r.out());
        assertTrue(r.out().matches("(?s).*\nregistration +\\d+ +\\d+ +0\n0 disagreements\n"), r.out());
    }

    @Test
    void registrationTargetAgreesWithTheKernel() {
        Assumptions.assumeTrue(KernelBinfmt.available(), KernelBinfmt::whyNot);
        Cli.Result r = Cli.run("fuzz", "--target", "registration", "--seed", "5", "--count", "1000", "--regress-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checked against the kernel's binfmt_misc in a private user+mount namespace"), r.out());
        assertTrue(r.out().endsWith("0 disagreements\n"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result target = Cli.run("fuzz", "--target", "kernel");
        assertEquals(ExitCodes.USAGE, target.exitCode());
        assertTrue(target.err().contains("--target: unknown target 'kernel' (program, elf, registration)"), target.err());
        Cli.Result files = Cli.run("fuzz", "x.o");
        assertEquals(ExitCodes.USAGE, files.exitCode());
        Cli.Result jobs = Cli.run("fuzz", "--jobs", "0");
        assertEquals(ExitCodes.USAGE, jobs.exitCode());
        Cli.Result oracle = Cli.run("fuzz", "--oracle", "qemu");
        assertEquals(ExitCodes.USAGE, oracle.exitCode());
        assertEquals("binfmt-bpf fuzz: --oracle: unknown oracle 'qemu' (interp, jit, kernel)\n", oracle.err());
        Cli.Result negative = Cli.run("fuzz", "--count", "-1");
        assertEquals(ExitCodes.USAGE, negative.exitCode(), negative.toString());
        assertEquals("binfmt-bpf fuzz: --count: must be at least 0, not -1\n", negative.err());
        Cli.Result missing = Cli.run("fuzz", "--target", "elf", "no-such.o");
        assertEquals(ExitCodes.ENVIRONMENT, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("no-such.o: no such file"), missing.err());
    }

    @Test
    void anObjectTooShortToMutateIsBadInput() throws Exception {
        Path tiny = java.nio.file.Files.write(dir.resolve("tiny.o"), new byte[10]);
        Cli.Result r = Cli.run("fuzz", "--target", "elf", tiny.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("tiny.o: 10 bytes is too short to be an ELF object to mutate"), r.err());
        Cli.Result time = Cli.run("fuzz", "--time", "5x");
        assertEquals(ExitCodes.USAGE, time.exitCode());
        assertTrue(time.err().contains("--time: '5x' is not a duration"), time.err());
        Cli.Result order = Cli.run("fuzz", "--oracle", "jit,interp");
        assertEquals(ExitCodes.USAGE, order.exitCode());
        assertTrue(order.err().contains("the interpreter must come first"), order.err());
    }
}
