package org.binfmtbpf.conformance;

/**
 * What running one {@code .data} file on one engine gave.
 *
 * @param name     the file
 * @param passed   whether the outcome matched the file's expectation
 * @param expected the expectation, e.g. {@code r0 = 0x1} or {@code an error containing "budget"}
 * @param actual   the outcome, e.g. {@code r0 = 0x2} or {@code error: insn 3: invalid read ...}
 */
public record DataResult(String name, boolean passed, String expected, String actual) {
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + (passed ? "" : ": expected " + expected + ", got " + actual);
    }
}
