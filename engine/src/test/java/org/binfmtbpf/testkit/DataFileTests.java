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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.binfmtbpf.conformance.DataFile;
import org.binfmtbpf.conformance.DataFileParser;
import org.binfmtbpf.conformance.DataFileRunner;
import org.binfmtbpf.conformance.DataResult;
import org.binfmtbpf.program.ProgramType;
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

    /**
     * The suite's programs that take no memory, loaded again as syscall programs. The JIT
     * compiles a header program with what the verifier proved (stack indexes, signed
     * comparisons of values proven non-negative), a RAW program without: this runs the suite
     * through both. The interpreter must give the same results either way.
     */
    @TestFactory
    Stream<DynamicNode> conformanceSuiteAsHeaderPrograms() throws IOException {
        Optional<Path> dir = DataFiles.conformanceSuite();
        if (dir.isEmpty()) {
            return Stream.of(dynamicTest("bpf_conformance suite as header programs", () -> Assumptions.abort(
                    "the bpf_conformance suite is absent: set -Dbinfmtbpf.shared=DIR (holding bpf-conformance/tests) or BPF_CONFORMANCE_DIR")));
        }
        List<Path> memoryless = new ArrayList<>();
        for (Path file : DataFiles.list(dir.get())) {
            DataFile parsed = parse(file);
            if (parsed.memory().length == 0 && parsed.type() == ProgramType.RAW) {
                memoryless.add(file);
            }
        }
        return perEngine("bpf_conformance as syscall programs", memoryless, DataFileTests::asSyscallProgram);
    }

    private static DataFile asSyscallProgram(DataFile file) {
        return new DataFile(file.name(), file.asm(), file.raw(), file.memory(), file.result(), file.error(), ProgramType.SYSCALL,
                file.budget());
    }

    private static Stream<DynamicNode> perEngine(String suite, List<Path> files) {
        return perEngine(suite, files, UnaryOperator.identity());
    }

    private static Stream<DynamicNode> perEngine(String suite, List<Path> files, UnaryOperator<DataFile> loadAs) {
        assertTrue(!files.isEmpty(), suite + ": no .data files found");
        return Engines.all().stream().map(engine -> dynamicContainer(engine.name(), engineTests(suite, engine, files, loadAs)));
    }

    private static Stream<DynamicNode> engineTests(String suite, Engine engine, List<Path> files, UnaryOperator<DataFile> loadAs) {
        List<DataResult> results = new ArrayList<>();
        Stream<DynamicNode> tests = files.stream().map(file -> dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
            DataResult result = DataFileRunner.run(loadAs.apply(parse(file)), engine);
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
