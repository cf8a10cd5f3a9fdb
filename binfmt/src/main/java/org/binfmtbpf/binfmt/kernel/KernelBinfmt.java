package org.binfmtbpf.binfmt.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kernel's binfmt_misc, in a private instance: a batch of operations runs in one
 * {@code unshare --user --map-root-user --mount} process that mounts its own binfmt_misc
 * (Linux 6.7+) and runs {@link OracleMain}. The host's global instance is never touched.
 */
public final class KernelBinfmt {
    private static final HexFormat HEX = HexFormat.of();
    private static Boolean available;
    private static String why = "";

    private final List<String> ops = new ArrayList<>();

    /** True when this machine lets us mount a private binfmt_misc; {@link #whyNot()} says why not. */
    public static synchronized boolean available() {
        if (available == null) {
            available = probe();
        }
        return available;
    }

    public static String whyNot() {
        return "the kernel's binfmt_misc cannot be checked here: " + why;
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && cat /proc/sys/fs/binfmt_misc/status")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.equals("enabled")) {
                why = "unshare + mount of a private binfmt_misc failed (needs Linux 6.7+ and user namespaces): " + out;
                return false;
            }
            return true;
        } catch (IOException e) {
            why = "unshare is not installed: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
            return false;
        }
    }

    /** Queues a write of {@code data} to {@code file} (register, status, or an entry name). */
    public KernelBinfmt write(String file, byte[] data) {
        ops.add("write " + hex(file) + " " + HEX.formatHex(data));
        return this;
    }

    public KernelBinfmt read(String file) {
        ops.add("read " + hex(file));
        return this;
    }

    /** Queues an execve of {@code path} with {@code argv}; the answer is what the process printed. */
    public KernelBinfmt exec(String path, List<String> argv) {
        StringBuilder b = new StringBuilder("exec ").append(HEX.formatHex(argv.get(0).getBytes(StandardCharsets.UTF_8)))
                .append(' ').append(HEX.formatHex(path.getBytes(StandardCharsets.UTF_8)));
        for (String a : argv.subList(1, argv.size())) {
            b.append(' ').append(HEX.formatHex(a.getBytes(StandardCharsets.UTF_8)));
        }
        ops.add(b.toString());
        return this;
    }

    /** A kernel answer: ok, the errno name if not, and the bytes read (or printed) if any. */
    public record Answer(boolean ok, String errno, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return ok ? "OK" + (data.length > 0 ? " " + text() : "") : errno;
        }
    }

    /** Runs the queued operations in one private instance, in order, and returns one answer per operation. */
    public List<Answer> run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("binfmt-oracle");
        try {
            Path batch = dir.resolve("batch");
            Path out = dir.resolve("out");
            Files.write(batch, ops, StandardCharsets.US_ASCII);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("java.class.path");
            ProcessBuilder pb = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && exec \"$0\" -Xshare:auto -XX:TieredStopAtLevel=1"
                            + " -cp \"$1\" " + OracleMain.class.getName() + " \"$2\" \"$3\"",
                    java, cp, batch.toString(), out.toString());
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("kernel oracle failed: " + log);
            }
            List<Answer> answers = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.US_ASCII)) {
                if (line.startsWith("OK")) {
                    answers.add(new Answer(true, null, line.length() > 3 ? HEX.parseHex(line.substring(3)) : new byte[0]));
                } else {
                    answers.add(new Answer(false, line.substring(4), new byte[0]));
                }
            }
            if (answers.size() != ops.size()) {
                throw new IOException("kernel oracle answered " + answers.size() + " of " + ops.size() + " operations: " + log);
            }
            return answers;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String hex(String byteString) {
        return HEX.formatHex(byteString.getBytes(StandardCharsets.ISO_8859_1));
    }
}
