package org.binfmtbpf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.binfmtbpf.conformance.DataFile;
import org.binfmtbpf.conformance.DataFileParser;
import org.binfmtbpf.conformance.DataFileRunner;
import org.binfmtbpf.conformance.DataResult;
import org.binfmtbpf.run.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code .data} file on every engine ({@link Engines#all()}): the project's own files
 * always, the public bpf_conformance suite when it is on this machine. Each engine's run ends
 * with a summary line ("interp: 313 of 313 passed") and a check that every file ran.
 */
class DataFileTests {

    @TestFactory
    Stream<DynamicNode> projectDataFiles() {
        return perEngine("project .data", DataFiles.project());
    }

    @TestFactory
    Stream<DynamicNode> conformanceSuite() {
        Optional<Path> dir = DataFiles.conformanceSuite();
        if (dir.isEmpty()) {
            // A skipped test, so that the report shows the suite did not run and why.
            return Stream.of(dynamicTest("bpf_conformance suite", () -> Assumptions.abort(
                    "the bpf_conformance suite is absent: set -Dbinfmtbpf.shared=DIR (holding bpf-conformance/tests) or BPF_CONFORMANCE_DIR")));
        }
        return perEngine("bpf_conformance", DataFiles.list(dir.get()));
    }

    private static Stream<DynamicNode> perEngine(String suite, List<Path> files) {
        assertTrue(!files.isEmpty(), suite + ": no .data files found");
        return Engines.all().stream().map(engine -> dynamicContainer(engine.name(), engineTests(suite, engine, files)));
    }

    private static Stream<DynamicNode> engineTests(String suite, Engine engine, List<Path> files) {
        List<DataResult> results = new ArrayList<>();
        Stream<DynamicNode> tests = files.stream().map(file -> dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
            DataResult result = DataFileRunner.run(parse(file), engine);
            results.add(result);
            assertTrue(result.passed(), result::toString);
        }));
        DynamicNode summary = dynamicTest("summary", () -> {
            long passed = results.stream().filter(DataResult::passed).count();
            System.out.printf("%s on %s: %d of %d passed%n", suite, engine.name(), passed, files.size());
            assertEquals(files.size(), results.size(), "every file ran");
        });
        return Stream.concat(tests, Stream.of(summary));
    }

    private static DataFile parse(Path file) throws IOException {
        return DataFileParser.parse(file);
    }
}
