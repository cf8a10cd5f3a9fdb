package org.binfmtbpf.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.binfmtbpf.conformance.SharedData;
import org.junit.jupiter.api.Assumptions;

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
     * {@code relative} inside the shared data ({@link SharedData}); a test that needs it is
     * skipped, saying so, on a machine without it.
     */
    static Path sharedData(String relative) {
        Optional<Path> found = SharedData.find(relative);
        Assumptions.assumeTrue(found.isPresent(), () -> SharedData.absent(relative));
        return found.get();
    }
}
