package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzz command: a short campaign prints the summary table; bad options are one-line usage errors. */
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

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result time = Cli.run("fuzz", "--time", "5x");
        assertEquals(ExitCodes.USAGE, time.exitCode());
        assertTrue(time.err().contains("--time: '5x' is not a duration"), time.err());
        Cli.Result order = Cli.run("fuzz", "--oracle", "jit,interp");
        assertEquals(ExitCodes.USAGE, order.exitCode());
        assertTrue(order.err().contains("the interpreter must come first"), order.err());
    }
}
