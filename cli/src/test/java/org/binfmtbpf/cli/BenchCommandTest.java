package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.binfmtbpf.cli.demo.SampleHeaders;
import org.junit.jupiter.api.Test;

/** bench: one row per demo header with both engines' times and their ratio. */
class BenchCommandTest {
    @Test
    void printsOneTimedRowPerDemoHeader() {
        Cli.Result r = Cli.run("bench", "--seconds", "0.02");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("FILE\\s+ARCH\\s+interp ns/run\\s+jit ns/run\\s+ratio"), lines.get(0));
        int headers = SampleHeaders.all().size();
        assertEquals(headers + 2, lines.size(), r.out());
        for (String row : lines.subList(1, headers + 1)) {
            assertTrue(row.matches(".*\\s\\d+\\.\\d\\s+\\d+\\.\\d\\s+\\d+\\.\\dx"), row);
        }
    }
}
