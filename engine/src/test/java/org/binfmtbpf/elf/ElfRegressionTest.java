package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.fuzz.ElfTarget;
import org.binfmtbpf.fuzz.InputResult;
import org.junit.jupiter.api.Test;

/**
 * Objects that {@code binfmt-bpf fuzz --target elf} wrote to src/test/resources/elf-regress
 * because the loader broke its rule on them: each must now load or be refused in one line.
 */
class ElfRegressionTest {
    @Test
    void everyRegressionObjectLoadsOrIsRefusedInOneLine() throws Exception {
        URL dir = ElfRegressionTest.class.getResource("/elf-regress");
        List<Path> objects = List.of();
        if (dir != null) {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                objects = files.filter(p -> p.toString().endsWith(".o")).sorted().toList();
            }
        }
        assumeTrue(!objects.isEmpty(), "no ELF regression objects: the elf fuzz campaigns have not found a loader bug yet");
        for (Path o : objects) {
            String name = o.getFileName().toString();
            ElfTarget.Judged j = ElfTarget.judge(Files.readAllBytes(o), name, Corpus.helpers());
            assertNotEquals(InputResult.Verdict.WRONG, j.verdict(), name + ": " + j.detail());
        }
    }
}
