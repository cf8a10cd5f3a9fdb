package org.binfmtbpf.binfmt.kernel;

import org.binfmtbpf.linux.Errno;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs inside a private user and mount namespace with a fresh binfmt_misc mounted at
 * /proc/sys/fs/binfmt_misc (see {@link KernelBinfmt}) and replays a batch of operations
 * against the real kernel, one output line per operation. Every argument is hex so any byte
 * goes through untouched:
 * <pre>
 *   write FILE DATA      ->  OK | ERR ENAME       (open as the shell's "&gt;" does, one write(2) of DATA)
 *   read FILE            ->  OK HEX | ERR ENAME
 *   exec ARGV0 PATH ARG...  ->  OK HEX(output) | ERR ENAME  (execve(PATH, [ARGV0, ARG...]) via bash's exec -a)
 * </pre>
 */
public final class OracleMain {
    private static final Path ROOT = Path.of("/proc/sys/fs/binfmt_misc");
    private static final HexFormat HEX = HexFormat.of();

    public static void main(String[] args) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]));
             PrintStream out = new PrintStream(new FileOutputStream(args[1]), false, StandardCharsets.US_ASCII)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(perform(line.split(" ", -1)));
            }
        }
    }

    private static String perform(String[] op) {
        try {
            switch (op[0]) {
                case "write" -> {
                    try (FileOutputStream f = new FileOutputStream(file(op[1]).toFile())) {
                        f.write(bytes(op[2]));
                    }
                    return "OK";
                }
                case "read" -> {
                    return "OK " + HEX.formatHex(Files.readAllBytes(file(op[1])));
                }
                case "exec" -> {
                    return "OK " + HEX.formatHex(exec(op));
                }
                default -> throw new IllegalArgumentException("unknown operation " + op[0]);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return "ERR ENOENT";
        } catch (IOException e) {
            return "ERR " + errnoName(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "ERR interrupted";
        }
    }

    private static byte[] exec(String[] op) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "exec -a \"$0\" \"$@\""));
        for (int i = 1; i < op.length; i++) {
            command.add(new String(bytes(op[i]), StandardCharsets.UTF_8));
        }
        // bash execs PATH itself (no PATH search: it contains a slash) with argv[0] = ARGV0.
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        p.waitFor();
        return output;
    }

    private static Path file(String hexName) {
        // Names are UTF-8 here (the launcher sets a UTF-8 locale), so Java encodes them back to the same bytes.
        return ROOT.resolve(new String(bytes(hexName), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    /** Java reports errno as its strerror text (after the path, or after "error=N,"); map it back. */
    static String errnoName(String message) {
        Errno errno = Errno.ofMessage(message);
        return errno != null ? errno.name() : "EUNKNOWN:" + String.valueOf(message).replaceAll("\\s", "_");
    }
}
