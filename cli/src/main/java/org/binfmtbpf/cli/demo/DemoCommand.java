package org.binfmtbpf.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.Main;
import org.binfmtbpf.cli.ShellWords;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.cli.handlers.Resolver;
import org.binfmtbpf.cli.handlers.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The RFC's cover letter, on this machine: load the bundled qemu 'B' program, register it,
 * resolve headers of many architectures through it, and, where qemu-user-static and an arm64
 * busybox are present, run a foreign binary through the interpreter the program chose.
 * Every step runs the command it prints, in a private state directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay the RFC's demo: one BPF program picks qemu for 29 architectures.",
            "Loads the bundled qemu 'B' program (one table-driven matcher for the 29 Debian qemu-user-static "
                + "registrations), registers ':qemu-bpf:B:/sys/fs/bpf/qemu::::P', resolves ELF headers of many "
                + "architectures through it, then runs an arm64 busybox through qemu when qemu-user-static and such"
                + " a binary are present. Uses a temporary state directory.",
            "Exit status 0 when every header resolved as the Debian registrations would."})
public final class DemoCommand implements Callable<Integer> {
    static final String PIN = "/sys/fs/bpf/qemu";
    static final String REGISTRATION = ":qemu-bpf:B:" + PIN + "::::P";
    /** The bundled qemu 'B' program, a resource next to this class. */
    public static final String PROGRAM = "qemu.bpf.o";

    @Spec CommandSpec spec;

    @Option(names = "--binary", paramLabel = "PATH",
            description = "An aarch64 binary (busybox) to run; default: the cached arm64 busybox, if any.")
    Path binary;

    @Option(names = "--fetch", description = "Download busybox-static:arm64 with apt-get into the cache first.")
    boolean fetch;

    @Option(names = "--keep", description = "Keep the temporary directory and print where it is.")
    boolean keep;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        if (binary != null && !Files.isRegularFile(binary)) {
            // Said now, not after the three steps before the one that runs it.
            throw UserError.environment("--binary " + binary + ": "
                    + (Files.exists(binary) ? "not a regular file" : "no such file"));
        }
        Path dir = Files.createTempDirectory("binfmt-bpf-demo");
        try {
            return demo(dir);
        } finally {
            if (keep) {
                out.println("kept " + dir);
            } else {
                deleteTree(dir);
            }
            out.flush();
        }
    }

    private int demo(Path dir) throws Exception {
        Path state = dir.resolve("state");
        Path object = dir.resolve(PROGRAM);
        try (InputStream in = DemoCommand.class.getResourceAsStream(PROGRAM)) {
            Files.write(object, in.readAllBytes());
        }
        heading("1. Load the bundled program and pin it (the RFC: bpftool prog load filter.bpf.o ... type socket)");
        step("prog", "load", object.toString(), PIN, "type", "socket", "--state", state.toString());
        step("prog", "show", "pinned", PIN, "--state", state.toString());

        heading("2. Register it as a 'B' handler (echo '" + REGISTRATION + "' > .../register)");
        step("register", REGISTRATION, "--state", state.toString());
        step("status", "qemu-bpf", "--state", state.toString());

        heading("3. Resolve headers of many architectures (binfmt_misc reads only the first 256 bytes)");
        Path samples = Files.createDirectories(dir.resolve("bin"));
        boolean allAsExpected = table(state, samples);

        heading("4. Run a foreign binary through the interpreter the program chose");
        runForeign(state);
        return allAsExpected ? ExitCodes.OK : ExitCodes.NO;
    }

    private boolean table(Path state, Path samples) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FILE", "ARCH", "ENTRY", "INTERPRETER", "ARGV (argv[0]=hello)", "CHECK"});
        boolean allAsExpected = true;
        try (Workspace ws = Workspace.open(state)) {
            Resolver resolver = new Resolver(ws.binfmtToRun());
            for (SampleHeader h : SampleHeaders.all()) {
                Path f = samples.resolve(h.file());
                Files.write(f, h.bytes());
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
                String shown = "bin/" + h.file();
                Verdict v = resolver.resolve(f.toString(), "hello", List.of());
                boolean asExpected = h.expected() == null ? v.entry() == null
                        : h.expectedInterpreter().equals(v.interpreter());
                allAsExpected &= asExpected;
                String interpreter = v.interpreter() == null ? "-" : v.interpreter()
                        + ("ENOENT".equals(v.errno()) ? " (not installed)" : "");
                List<String> argv = v.argv().stream().map(a -> a.replace(samples.toString(), "bin")).toList();
                rows.add(new String[] {shown, h.arch(), v.entry() != null ? v.entry() : v.errno(), interpreter,
                    argv.isEmpty() ? "-" : ShellWords.join(argv), asExpected ? "ok" : "WRONG"});
            }
            ws.saveMaps();
        }
        printTable(rows);
        return allAsExpected;
    }

    private void runForeign(Path state) throws Exception {
        Path qemu = Path.of("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
        if (!Files.isExecutable(qemu)) {
            out.println("skipped: " + qemu + " is missing (apt-get install qemu-user-static)");
            return;
        }
        Optional<Path> busybox = Optional.ofNullable(binary).or(ForeignBinary::cachedBusybox);
        if (busybox.isEmpty() && fetch) {
            out.println("fetching busybox-static:arm64 into " + ForeignBinary.cacheDirectory() + " ...");
            out.flush();
            busybox = Optional.of(ForeignBinary.downloadBusybox(ForeignBinary.cacheDirectory()));
        }
        if (busybox.isEmpty()) {
            out.println("skipped: no arm64 binary; rerun with --fetch (downloads busybox-static:arm64 with apt-get)"
                    + " or --binary PATH");
            return;
        }
        Path bin = busybox.get();
        List<String> argv;
        try (Workspace ws = Workspace.open(state)) {
            Verdict v = new Resolver(ws.binfmtToRun()).resolve(bin.toString(), "busybox",
                    List.of("echo", "AARCH64_RAN_VIA_QEMU"));
            ws.saveMaps();
            if (!v.runs()) {
                throw UserError.no(bin + ": " + v.errno() + ": " + v.reason());
            }
            argv = v.argv();
        }
        out.println("$ binfmt-bpf exec --argv0 busybox " + bin + " echo AARCH64_RAN_VIA_QEMU");
        out.println("  (the kernel would exec: " + ShellWords.join(argv) + ")");
        out.flush();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        out.print(new String(p.getInputStream().readAllBytes()));
        int status = p.waitFor();
        if (status != 0) {
            throw UserError.no(bin + ": the interpreter exited with status " + status);
        }
    }

    private void step(String... args) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--state")) {
                i++;
                continue;
            }
            shown.add(args[i].contains("/" + PROGRAM) ? PROGRAM : args[i]);
        }
        out.println("$ binfmt-bpf " + ShellWords.join(shown));
        out.flush();
        int code = Main.run(out, err, args);
        if (code != 0) {
            throw new UserError(code, "step failed: binfmt-bpf " + String.join(" ", shown));
        }
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title);
    }

    private void printTable(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                sb.append(c == r.length - 1 ? r[c] : String.format("%-" + width[c] + "s  ", r[c]));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
