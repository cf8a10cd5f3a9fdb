package org.binfmtbpf.cli.fuzz;

import java.io.PrintWriter;
import org.binfmtbpf.fuzz.Campaign;

/** A one-line progress bar redrawn with a carriage return, at most ten times a second. */
final class ProgressLine {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private long lastDraw;
    private boolean drawn;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    void update(Campaign.Progress p) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-9, p.elapsed().toNanos() / 1e9);
        double byCount = p.limitCount() > 0 ? (double) p.cases() / p.limitCount() : 0;
        double byTime = p.limitTime() != null ? seconds / (p.limitTime().toNanos() / 1e9) : 0;
        double done = Math.min(1, Math.max(byCount, byTime));
        int filled = (int) (done * WIDTH);
        err.printf("\r[%s%s] %3.0f%% %d cases, %.0f/s, %d disagreements ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                done * 100, p.cases(), p.cases() / seconds, p.disagreements());
        err.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
