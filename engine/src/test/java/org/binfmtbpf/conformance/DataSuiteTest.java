package org.binfmtbpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.binfmtbpf.run.Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-data command's logic: a line per failure with expected and actual, then the totals. */
class DataSuiteTest {
    @TempDir
    Path dir;

    @Test
    void reportsEachFailureAndTheTotals() throws IOException {
        Files.writeString(dir.resolve("a-pass.data"), "-- asm\nmov %r0, 1\nexit\n-- result\n0x1\n");
        Files.writeString(dir.resolve("b-wrong.data"), "-- asm\nmov %r0, 2\nexit\n-- result\n0x1\n");
        Files.writeString(dir.resolve("c-fault.data"), "-- asm\nldxb %r0, [%r1]\nexit\n-- result\n0x0\n");
        Files.writeString(dir.resolve("d-broken.data"), "-- asm\nexit\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataSuite.Summary summary = DataSuite.run(List.of(dir), new Interpreter(), false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(new DataSuite.Summary(1, 3), summary);
        assertEquals("""
                FAIL b-wrong.data: expected r0 = 0x1, got r0 = 0x2
                FAIL c-fault.data: expected r0 = 0x0, got fault: insn 0: invalid read of 1 byte at context+0x0 (context is 0 bytes)
                FAIL %s: expected a readable .data file, got d-broken.data:3: no -- result or -- error section
                1 passed, 3 failed
                """.formatted(dir.resolve("d-broken.data")), bytes.toString(StandardCharsets.UTF_8));
    }
}
