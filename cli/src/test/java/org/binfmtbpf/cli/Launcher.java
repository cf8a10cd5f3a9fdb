package org.binfmtbpf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's ./binfmt-bpf launcher in a child process, on the classes under test
 * (BINFMT_BPF_CLASSPATH), so stdin, stdout, stderr and exit statuses are the real ones.
 */
final class Launcher {
    private Launcher() {}

    static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("binfmt-bpf")) && Files.isDirectory(d.resolve("cli"))) {
                return d.resolve("binfmt-bpf");
            }
        }
        throw new IllegalStateException("no ./binfmt-bpf launcher above " + Path.of("").toAbsolutePath());
    }

    static Cli.Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("BINFMT_BPF_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("launcher did not finish: " + command);
        }
        return new Cli.Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }
}
