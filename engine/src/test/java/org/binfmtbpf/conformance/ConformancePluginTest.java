package org.binfmtbpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.binfmtbpf.run.Interpreter;
import org.junit.jupiter.api.Test;

/** The bpf_conformance plugin protocol: program bytes on stdin, memory in argv, r0 in hex on stdout. */
class ConformancePluginTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String program, String... args) {
        return new ConformancePlugin(new Interpreter()).run(List.of(args),
                new ByteArrayInputStream(program.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsR0InHex() {
        // ldxw r0, [r1+1]; exit
        assertEquals(0, run("61 10 01 00 00 00 00 00 95 00 00 00 00 00 00 00\n", "aabbccddeeff"));
        assertEquals("eeddccbb\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ignoresOptionsAndRunsWithoutMemory() {
        // mov r0, r2 (the memory length); exit
        assertEquals(0, run("bf 20 00 00 00 00 00 00 95 00 00 00 00 00 00 00", "--no-register-offset"));
        assertEquals("0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsErrorsOnStderrWithNonZeroStatus() {
        assertEquals(1, run("61 10 08 00 00 00 00 00 95 00 00 00 00 00 00 00", "00"));
        assertEquals("insn 0: invalid read of 4 bytes at context+0x8 (context is 1 byte)\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, run("95 00 00", ""));
        assertEquals(1, run("ff 00 00 00 00 00 00 00", ""));
    }
}
