package org.binfmtbpf.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real aarch64 binary for the demo's last step: Debian's busybox-static for arm64, found in
 * a cache directory, or downloaded there with apt-get (data/README.md's recipe) on request.
 */
public final class ForeignBinary {
    private ForeignBinary() {}

    /**
     * $XDG_CACHE_HOME/binfmt-bpf, else /tmp/binfmt-bpf-cache: the tests download there too, so
     * after {@code mvn verify} the demo finds the binary.
     */
    public static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isEmpty() ? Path.of(xdg, "binfmt-bpf")
                : Path.of(System.getProperty("java.io.tmpdir"), "binfmt-bpf-cache");
    }

    /** Where busybox lands inside {@code cache}. */
    public static Path busyboxIn(Path cache) {
        return cache.resolve("busybox-arm64").resolve("bin").resolve("busybox");
    }

    /** The cached arm64 busybox, if one was downloaded before. */
    public static Optional<Path> cachedBusybox() {
        Path p = busyboxIn(cacheDirectory());
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Downloads busybox-static:arm64 into {@code cache} with apt-get and dpkg-deb (Debian and
     * derivatives); returns the binary, or throws with the reason it could not.
     */
    public static Path downloadBusybox(Path cache) throws IOException, InterruptedException {
        Path target = busyboxIn(cache);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path lists = cache.resolve("apt-arm64");
        Path debs = cache.resolve("debs");
        Files.createDirectories(lists.resolve("partial"));
        Files.createDirectories(debs.resolve("archives").resolve("partial"));
        List<String> apt = List.of("-oAPT::Architecture=arm64", "-oAPT::Architectures=arm64",
                "-oDir::State::Lists=" + lists, "-oDir::Cache=" + debs, "-oDebug::NoLocking=1", "-qq");
        run(concat(List.of("apt-get"), apt, List.of("update")), cache);
        run(concat(List.of("apt-get"), apt, List.of("download", "busybox-static:arm64")), debs);
        try (var s = Files.list(debs)) {
            Path deb = s.filter(f -> f.getFileName().toString().endsWith("_arm64.deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download left no busybox-static .deb in " + debs));
            run(List.of("dpkg-deb", "-x", deb.toString(), cache.resolve("busybox-arm64").toString()), cache);
        }
        if (!Files.isRegularFile(target)) {
            throw new IOException("the busybox-static package has no bin/busybox");
        }
        return target;
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is not available: " + e.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            String last = output.strip();
            last = last.substring(last.lastIndexOf('\n') + 1);
            throw new IOException(String.join(" ", command.subList(0, Math.min(command.size(), 2))) + " failed: " + last);
        }
    }
}
