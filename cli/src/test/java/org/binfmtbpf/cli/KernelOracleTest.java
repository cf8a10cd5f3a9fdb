package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.binfmtbpf.cli.demo.SampleHeader;
import org.binfmtbpf.cli.demo.SampleHeaders;
import org.binfmtbpf.kernel.KernelBpf;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running kernel as the oracle: bpftool's tags, BPF_PROG_TEST_RUN, and a private binfmt_misc. */
class KernelOracleTest {
    @TempDir Path dir;

    @Test
    void programTagsEqualTheKernels() throws Exception {
        assumeBpftool();
        Path object = Resources.machinesObject(dir);
        String pin = "/sys/fs/bpf/binfmt-bpf-cli-test-" + ProcessHandle.current().pid();
        try {
            String kernelJson = run("bpftool", "prog", "load", object.toString(), pin, "type", "socket") + run("bpftool",
                    "-j", "prog", "show", "pinned", pin);
            String kernelTag = new ObjectMapper().readTree(kernelJson).get("tag").asText();
            Path state = dir.resolve("state");
            assertEquals(0, Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/m").exitCode());
            JsonNode ours = new ObjectMapper().readTree(Cli.inState(state, "-j", "prog", "show", "pinned", "/sys/fs/bpf/m").out());
            assertEquals(kernelTag, ours.get("tag").asText());
        } finally {
            Files.deleteIfExists(Path.of(pin));
        }
    }

    @Test
    void whatTheProgramWritesInTheKernelIsKeptAsWithTheOtherEngines() throws Exception {
        Assumptions.assumeTrue(KernelBpf.available(), "kernel BPF unavailable: " + KernelBpf.unavailableReason());
        Path state = dir.resolve("state");
        Path object = Resources.copy("/org/binfmtbpf/cli/shared_counter.bpf.o", dir.resolve("shared_counter.bpf.o"));
        assertEquals(0, Cli.inState(state, "prog", "loadall", object.toString(), "/sys/fs/bpf/sc").exitCode());
        Path f = Resources.executable(dir, SampleHeaders.all().get(0));
        for (String engine : new String[] {"kernel", "interp", "kernel"}) {
            Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/sc/bump", "data_in", f.toString(),
                    "--engine", engine);
            assertEquals(0, r.exitCode(), r.toString());
        }
        assertEquals("key: 00 00 00 00  value: 03 00 00 00 00 00 00 00\nFound 1 element\n",
                Cli.inState(state, "map", "dump", "name", "counts").out());
    }

    @Test
    void theKernelEngineGivesTheInterpretersReturnValues() throws Exception {
        Assumptions.assumeTrue(KernelBpf.available(), "kernel BPF unavailable: " + KernelBpf.unavailableReason());
        Path state = dir.resolve("state");
        // As a syscall program the kernel's context is the 256 header bytes, as ours is.
        assertEquals(0, Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(), "/sys/fs/bpf/m",
                "type", "syscall").exitCode());
        for (SampleHeader h : SampleHeaders.all()) {
            Path f = Resources.executable(dir, h);
            String interp = Cli.inState(state, "-j", "prog", "run", "pinned", "/sys/fs/bpf/m", "data_in", f.toString()).out();
            String kernel = Cli.inState(state, "-j", "prog", "run", "pinned", "/sys/fs/bpf/m", "data_in", f.toString(),
                    "--engine", "kernel").out();
            assertEquals(new ObjectMapper().readTree(interp).get("retval"), new ObjectMapper().readTree(kernel).get("retval"),
                    h.file() + "\n" + interp + kernel);
        }
    }

    @Test
    void theKernelEngineRefusesHelper212WithTheReason() throws Exception {
        Path state = dir.resolve("state");
        Cli.inState(state, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu");
        Path f = Resources.executable(dir, ProgCommandsTest.header("hello-aarch64"));
        Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", f.toString(),
                "--engine", "kernel");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertTrue(r.err().contains(KernelBpf.available() ? "helper 212" : "--engine kernel: "), r.err());
    }

    /**
     * The 29 Debian registrations in the kernel's own (private) binfmt_misc and in ours: every
     * sample header, and the host's /bin/ls, must meet the same entry with the same argv; the
     * bundled 'B' program must choose that entry's interpreter. Each registration's interpreter is
     * replaced by a script that prints its name and argv; flags F and O are dropped, since the
     * kernel will not run a script interpreter opened at registration or handed the binary as an
     * fd (ENOEXEC). Matching is untouched, and P keeps argv[0].
     */
    @Test
    void resolveAgreesWithThePrivateBinfmtMiscOfTheKernel() throws Exception {
        assumePrivateBinfmtMisc();
        Path printers = Files.createDirectories(dir.resolve("printers"));
        List<String> lines = new ArrayList<>();
        try (var confs = Files.list(Cli.sharedData("data/qemu-binfmt.d"))) {
            for (Path conf : confs.sorted().toList()) {
                String line = BinfmtDFile.read(conf).get(0).text();
                String arch = line.split(":")[1].substring("qemu-".length());
                Path printer = printers.resolve(arch);
                Files.writeString(printer, "#!/bin/sh\nprintf '%s|' \"$0\" \"$@\"; echo\n");
                Files.setPosixFilePermissions(printer, PosixFilePermissions.fromString("rwxr-xr-x"));
                String[] f = line.split(":", -1);
                f[6] = printer.toString();
                f[7] = f[7].replace("F", "").replace("O", "");
                lines.add(String.join(":", f));
            }
        }
        List<String> files = new ArrayList<>();
        for (SampleHeader h : SampleHeaders.all()) {
            files.add(Resources.executable(dir, h).toString());
        }
        files.add("/bin/ls");

        StringBuilder script = new StringBuilder("mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 99\n");
        for (String l : lines) {
            script.append("printf '%s' '").append(l.replace("'", "'\\''")).append("' > /proc/sys/fs/binfmt_misc/register\n");
        }
        for (String f : files) {
            script.append("out=$(").append(f).append(" --version 2>&1 | head -1); echo \"RESULT $out\"\n");
        }
        List<String> kernel = run("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script.toString())
                .lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).toList();
        assertEquals(files.size(), kernel.size(), String.join("\n", kernel));

        Path m = dir.resolve("m");
        for (String l : lines) {
            assertEquals(0, Cli.inState(m, "register", l).exitCode(), l);
        }
        Path b = dir.resolve("b");
        Cli.inState(b, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu");
        Cli.inState(b, "register", ":qemu-bpf:B:/sys/fs/bpf/qemu::::P");
        for (int i = 0; i < files.size(); i++) {
            String k = kernel.get(i);
            JsonNode ours = new ObjectMapper().readTree(Cli.inState(m, "-j", "resolve", files.get(i)).out()).get(0);
            JsonNode viaB = new ObjectMapper().readTree(Cli.inState(b, "-j", "resolve", files.get(i)).out()).get(0);
            if (!k.startsWith(printers.toString())) {
                // No entry took it: the kernel ran it natively (ls) or refused it.
                assertEquals("ENOEXEC", ours.get("errno").asText(), files.get(i) + ": kernel said " + k);
                assertEquals("ENOEXEC", viaB.get("errno").asText(), files.get(i));
                continue;
            }
            List<String> argv = new ArrayList<>();
            ours.get("argv").forEach(a -> argv.add(a.asText()));
            // The printer is a #!/bin/sh script, so exec ends in /bin/sh; the script prints "$0" "$@",
            // which is the argv after the shell.
            assertEquals("/bin/sh", argv.get(0), files.get(i));
            assertEquals(k, String.join("|", argv.subList(1, argv.size())) + "|" + "--version|", files.get(i));
            String arch = Path.of(k.substring(0, k.indexOf('|'))).getFileName().toString();
            assertEquals("/usr/libexec/qemu-binfmt/" + arch + "-binfmt-P", viaB.get("interpreter").asText(), files.get(i));
        }
    }

    private static void assumeBpftool() {
        Assumptions.assumeTrue(KernelBpf.available(), "kernel BPF unavailable: " + KernelBpf.unavailableReason());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/bpftool")), "bpftool is not installed");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/fs/bpf")), "no bpf filesystem at /sys/fs/bpf");
    }

    private static void assumePrivateBinfmtMisc() throws Exception {
        String probe;
        try {
            probe = run("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && cat /proc/sys/fs/binfmt_misc/status");
        } catch (IOException e) {
            probe = e.getMessage();
        }
        Assumptions.assumeTrue(probe.startsWith("enabled"),
                "no private binfmt_misc instance (needs Linux 6.7+ and user namespaces): " + probe);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command).lines().findFirst().orElse("") + " failed: " + out);
        }
        return out;
    }
}
