package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed corpus objects are what their sources compile to: when clang-19 is installed,
 * build.sh rebuilds every object into a temporary directory and each one's llvm-objdump-19
 * disassembly (with relocations) must equal the committed object's.
 */
class CorpusRebuildTest {

    @Test
    void committedObjectsMatchTheirSources(@TempDir Path out) throws Exception {
        assumeTrue(runs("clang-19", "--version") && runs("llvm-objdump-19", "--version"),
                "clang-19 and llvm-objdump-19 are not installed: cannot check the committed corpus objects against their sources");
        Path dir = Corpus.directory();
        Result build = run(dir, "bash", dir.resolve("build.sh").toString(), out.toString());
        assertEquals(0, build.status, "build.sh failed: " + build.output);
        List<String> objects = new java.util.ArrayList<>(Corpus.objects());
        objects.add(Corpus.LOOP_CALLBACK);
        for (String object : objects) {
            assertEquals(disassemble(dir, object), disassemble(out, object), object + " no longer matches its source: run build.sh");
        }
    }

    private static String disassemble(Path dir, String object) throws Exception {
        Result r = run(dir, "llvm-objdump-19", "-d", "-r", object);
        assertEquals(0, r.status, r.output);
        return r.output;
    }

    private static boolean runs(String... command) {
        try {
            return run(Path.of("."), command).status == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private record Result(int status, String output) {}

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), output);
    }
}
