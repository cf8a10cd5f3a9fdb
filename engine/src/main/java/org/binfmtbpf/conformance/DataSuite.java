package org.binfmtbpf.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.run.Engine;

/**
 * Runs many {@code .data} files on one engine and reports like a test runner: one line per
 * failure with the expected and actual outcome, then {@code N passed, M failed}. The logic
 * behind the CLI's {@code test-data} command.
 */
public final class DataSuite {
    private DataSuite() {}

    /** The totals of a run. */
    public record Summary(int passed, int failed) {
        public boolean allPassed() {
            return failed == 0;
        }

        @Override
        public String toString() {
            return passed + " passed, " + failed + " failed";
        }
    }

    /**
     * Runs every file named in {@code paths} (directories are searched for {@code *.data}),
     * printing failures (and passes too when {@code verbose}) and the summary to {@code out}.
     */
    public static Summary run(List<Path> paths, Engine engine, boolean verbose, PrintStream out) throws IOException {
        int passed = 0;
        int failed = 0;
        for (Path file : expand(paths)) {
            DataResult result = runOne(file, engine);
            if (result.passed()) {
                passed++;
            } else {
                failed++;
            }
            if (verbose || !result.passed()) {
                out.println(result);
            }
        }
        Summary summary = new Summary(passed, failed);
        out.println(summary);
        return summary;
    }

    private static DataResult runOne(Path file, Engine engine) {
        try {
            return DataFileRunner.run(DataFileParser.parse(file), engine);
        } catch (IOException | DataFormatException e) {
            return new DataResult(file.toString(), false, "a readable .data file", e.getMessage());
        }
    }

    /**
     * The files named, with directories replaced by the {@code *.data} files under them, sorted.
     * A path that does not exist is named in the exception, not dropped.
     */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".data")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
