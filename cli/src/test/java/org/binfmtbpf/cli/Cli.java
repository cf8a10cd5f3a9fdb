package org.binfmtbpf.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real entry point with stdout and stderr captured. */
final class Cli {
    private Cli() {}

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs with {@code --state DIR} appended after the verbs. */
    static Result inState(Path state, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state");
        all.add(state.toString());
        return run(all.toArray(new String[0]));
    }

    /**
     * The shared data directory: the parent pom's {@code binfmtbpf.shared}, else the nearest
     * {@code shared/} beside an ancestor of the working directory (a git worktree sits one
     * level deeper than the main checkout).
     */
    static Path shared() {
        String p = System.getProperty("binfmtbpf.shared");
        if (p != null && Files.isDirectory(Path.of(p))) {
            return Path.of(p);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared data directory (set -Dbinfmtbpf.shared)");
    }
}
