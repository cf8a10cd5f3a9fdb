package org.binfmtbpf.fuzz;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes a minimised disagreement as a {@code .data} file (docs/DATA-FORMAT.md) expecting the
 * reference oracle's outcome, so it joins the engine's data-driven regression tests. Programs
 * that still use the array map cannot be expressed in the format and are not written.
 */
public final class RegressionFile {
    private RegressionFile() {}

    /** Whether {@code d}'s minimised case fits the format. */
    public static boolean expressible(Disagreement d) {
        return !d.minimised().usesMap() && d.reference().kind() != Outcome.Kind.REFUSED;
    }

    /** Writes {@code dir/fuzz-SEED.data} and returns its path. */
    public static Path write(Path dir, Disagreement d) {
        FuzzCase c = d.minimised();
        StringBuilder b = new StringBuilder();
        b.append("# Found by `binfmt-bpf fuzz` (seed ").append(c.seed()).append(", ").append(c.profile()).append(" profile), minimised.\n");
        b.append("# ").append(d.pair()).append(": ").append(d.referenceOracle()).append(" ").append(d.reference()).append('\n');
        b.append("#   ").append(d.otherOracle()).append(" ").append(d.other()).append('\n');
        if (d.referenceOracle().equals("kernel")) {
            b.append("# The kernel reports only r0's low 32 bits; the expected value is those bits zero-extended.\n");
        }
        b.append("-- type ").append(c.type().sectionName()).append('\n');
        if (c.budget() != org.binfmtbpf.run.Invocation.UNLIMITED) {
            b.append("-- budget ").append(c.budget()).append('\n');
        }
        CaseFiles.appendRaw(b, c.slots());
        b.append("-- mem\n");
        String hex = HexFormat.ofDelimiter(" ").formatHex(c.context());
        for (int i = 0; i < hex.length(); i += 16 * 3) {
            b.append(hex, i, Math.min(hex.length(), i + 16 * 3 - 1)).append('\n');
        }
        if (d.reference().kind() == Outcome.Kind.RETURNED) {
            b.append("-- result\n0x").append(Long.toHexString(d.reference().r0())).append('\n');
        } else {
            String message = d.reference().detail();
            int colon = message.indexOf(": ");
            b.append("-- error\n").append(colon > 0 ? message.substring(colon + 2) : message).append('\n');
        }
        return CaseFiles.write(dir, "fuzz-" + Long.toUnsignedString(c.seed()) + ".data", b, "regression file");
    }
}
