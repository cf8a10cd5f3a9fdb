package org.binfmtbpf.fuzz;

import java.nio.file.Path;

/**
 * Two oracles ended the same case differently. {@code reference} is the side taken as right
 * (the kernel against our engines, the interpreter against the JIT); {@code minimised} the
 * smallest case that still shows it and {@code dataFile} its regression file, if written.
 */
public record Disagreement(String referenceOracle, String otherOracle, FuzzCase original, Outcome reference, Outcome other,
        FuzzCase minimised, Path dataFile) {

    public String pair() {
        return referenceOracle + " vs " + otherOracle;
    }

    Disagreement minimisedTo(FuzzCase smaller, Path file) {
        return new Disagreement(referenceOracle, otherOracle, original, reference, other, smaller, file);
    }

    @Override
    public String toString() {
        return "seed " + original.seed() + " (" + original.profile() + "): " + pair() + ": " + referenceOracle + " " + reference
                + ", " + otherOracle + " " + other + memoryDifference() + "\n  minimised: " + slotsHex(minimised);
    }

    private String memoryDifference() {
        String a = reference.memory();
        String b = other.memory();
        if (a == null || b == null || a.equals(b)) {
            return "";
        }
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 8);
        return " (stack/context differ at hex digit " + i + ": " + a.substring(from, Math.min(a.length(), i + 16)) + " vs "
                + b.substring(from, Math.min(b.length(), i + 16)) + ")";
    }

    private static String slotsHex(FuzzCase c) {
        StringBuilder s = new StringBuilder();
        for (long slot : org.binfmtbpf.isa.InstructionCodec.encodeSlots(c.slots())) {
            s.append(String.format("%016x ", slot));
        }
        return s.toString().trim();
    }
}
