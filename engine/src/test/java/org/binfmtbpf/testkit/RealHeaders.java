package org.binfmtbpf.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real binfmt headers (the first 256 bytes of a file, zero-padded as bprm->buf is): this
 * machine's own executables, and static busybox binaries of other architectures fetched from
 * Debian with apt into /tmp (data/README.md). Nothing is copied into the repository.
 */
public final class RealHeaders {
    private RealHeaders() {}

    /** A file's header and where it came from. */
    public record Header(String source, byte[] bytes) {
        @Override
        public String toString() {
            return source;
        }
    }

    /** The Debian 12 architectures that ship busybox-static, besides this machine's amd64. */
    public static final List<String> FOREIGN_ARCHES = List.of("arm64", "armel", "armhf", "i386", "mips64el", "ppc64el", "s390x");
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "binfmtbpf-busybox");

    /** /bin/ls and the first {@code limit} regular files of /usr/bin (executables and scripts alike). */
    public static List<Header> local(int limit) throws IOException {
        List<Header> out = new ArrayList<>();
        out.add(read(Path.of("/bin/ls")));
        try (Stream<Path> files = Files.list(Path.of("/usr/bin"))) {
            files.filter(Files::isRegularFile).filter(Files::isReadable).sorted().limit(limit).forEach(p -> {
                try {
                    out.add(read(p));
                } catch (IOException unreadable) {
                    // a file that vanished or cannot be opened is simply not part of the sample
                }
            });
        }
        return out;
    }

    /** The busybox headers and the problems met fetching them; computed once per JVM. */
    public record Foreign(List<Header> headers, List<String> problems) {}

    private static Foreign foreign;

    /**
     * busybox-static for every foreign architecture, downloaded once per machine into
     * /tmp/binfmtbpf-busybox. {@code problems} lists each architecture it could not get.
     * apt-get update runs at most once, and only when a binary is missing; its partial
     * failures (an unreachable security mirror) are not fatal as long as the downloads work.
     */
    public static synchronized Foreign foreignBusybox() throws IOException, InterruptedException {
        if (foreign != null) {
            return foreign;
        }
        List<Header> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Files.createDirectories(CACHE);
        String updateProblem = null;
        boolean updated = false;
        for (String arch : FOREIGN_ARCHES) {
            Path binary = CACHE.resolve(arch).resolve("bin/busybox");
            if (!Files.exists(binary)) {
                if (!updated) {
                    updateProblem = run(CACHE, "apt-get", apt("update", "-q"));
                    updated = true;
                }
                String why = fetch(arch);
                if (why != null) {
                    problems.add(arch + ": " + why + (updateProblem == null ? "" : " (after apt-get update: " + updateProblem + ")"));
                    continue;
                }
            }
            out.add(new Header("busybox-static:" + arch, read(binary).bytes()));
        }
        foreign = new Foreign(List.copyOf(out), List.copyOf(problems));
        return foreign;
    }

    private static String fetch(String arch) throws IOException, InterruptedException {
        Path dir = CACHE.resolve(arch);
        Files.createDirectories(dir);
        String why = run(dir, "apt-get", apt("download", "busybox-static:" + arch));
        if (why != null) {
            return why;
        }
        try (Stream<Path> debs = Files.list(dir)) {
            Path deb = debs.filter(p -> p.toString().endsWith(".deb")).findFirst().orElse(null);
            if (deb == null) {
                return "apt-get download produced no .deb";
            }
            return run(dir, "dpkg", "-x", deb.toString(), dir.toString());
        }
    }

    private static String[] apt(String... command) {
        List<String> args = new ArrayList<>(List.of(
                "-oAPT::Architecture=arm64", "-oAPT::Architectures=" + String.join(",", FOREIGN_ARCHES),
                "-oDir::State::Lists=" + CACHE.resolve("lists"), "-oDir::Cache=" + CACHE.resolve("cache")));
        args.addAll(List.of(command));
        return args.toArray(new String[0]);
    }

    /** Runs a command; null on success, else a one-line reason. */
    private static String run(Path dir, String command, String... args) throws IOException, InterruptedException {
        Files.createDirectories(CACHE.resolve("lists/partial"));
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            return command + " is not available: " + missing.getMessage();
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return command + " timed out";
        }
        if (p.exitValue() != 0) {
            String text = new String(output).strip();
            return command + " exited " + p.exitValue() + ": " + text.substring(Math.max(0, text.length() - 200)).replace('\n', ' ');
        }
        return null;
    }

    public static Header read(Path file) throws IOException {
        byte[] header = new byte[256];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(header, 0, header.length);
        }
        return new Header(file.toString(), header);
    }
}
