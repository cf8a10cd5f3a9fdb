package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the llvm-19 tools that serve as oracles; a test that needs a missing tool is skipped, saying why. */
final class LlvmTools {
    private LlvmTools() {}

    /** Skips the calling test unless {@code tool} (e.g. llvm-objdump-19) is on the PATH. */
    static void require(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Files.isExecutable(Path.of(dir, tool));
        }
        assumeTrue(found, tool + " is not installed: this comparison with llvm cannot run here");
    }

    /** Runs a command, feeding {@code stdin}; returns stdout, failing on a non-zero exit. */
    static String run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The bytes of one ELF section, extracted by llvm-objcopy-19 (independent of our ELF loader). */
    static byte[] sectionBytes(Path object, String section) {
        try {
            Path out = Files.createTempFile("section", ".bin");
            try {
                run(List.of("llvm-objcopy-19", "-O", "binary", "--only-section=" + section, object.toString(),
                        out.toString()), null);
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed test objects under src/test/resources/isa. */
    static List<Path> testObjects() {
        try {
            Path dir = Path.of(LlvmTools.class.getResource("/isa/build.sh").toURI()).getParent();
            List<Path> objects = new ArrayList<>();
            try (var files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".o")).sorted().forEach(objects::add);
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
