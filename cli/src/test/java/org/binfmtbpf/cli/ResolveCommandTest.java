package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.cli.demo.SampleHeader;
import org.binfmtbpf.cli.demo.SampleHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * resolve: the 29 Debian 'M' registrations and the one bundled 'B' program give every sample
 * header the same interpreter and argv.
 */
class ResolveCommandTest {
    @TempDir Path dir;

    @Test
    void magicRegistrationsAndTheBProgramAgreeOnEveryHeader() throws Exception {
        Path m = dir.resolve("m");
        Path b = dir.resolve("b");
        registerDebianQemu(m);
        Cli.Result load = Cli.inState(b, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu",
                "type", "socket");
        assertEquals(0, load.exitCode(), load.toString());
        assertEquals(0, Cli.inState(b, "register", ":qemu-bpf:B:/sys/fs/bpf/qemu::::P").exitCode());

        List<String> files = new ArrayList<>();
        for (SampleHeader h : SampleHeaders.all()) {
            files.add(Resources.executable(dir, h).toString());
        }
        JsonNode byMagic = json(m, files);
        JsonNode byProgram = json(b, files);
        for (int i = 0; i < files.size(); i++) {
            SampleHeader h = SampleHeaders.all().get(i);
            JsonNode vm = byMagic.get(i);
            JsonNode vb = byProgram.get(i);
            if (h.expected() == null) {
                assertEquals("ENOEXEC", vm.get("errno").asText(), h.file());
                assertEquals("ENOEXEC", vb.get("errno").asText(), h.file());
                continue;
            }
            assertEquals("qemu-" + h.expected(), vm.get("entry").asText(), h.file());
            assertEquals("qemu-bpf", vb.get("entry").asText(), h.file());
            assertEquals(h.expectedInterpreter(), vm.get("interpreter").asText(), h.file());
            assertEquals(vm.get("interpreter"), vb.get("interpreter"), h.file());
            assertEquals(vm.get("argv"), vb.get("argv"), h.file());
            assertEquals(List.of(h.expectedInterpreter(), files.get(i), "hello"),
                    new ObjectMapper().convertValue(vb.get("argv"), List.class), h.file());
        }
    }

    @Test
    void textNamesTheEntryTheInterpreterAndTheArgv() throws Exception {
        Path state = dir.resolve("s");
        registerDebianQemu(state);
        Path f = Resources.executable(dir, ProgCommandsTest.header("hello-riscv64"));
        Cli.Result r = Cli.inState(state, "resolve", f.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(f + ": entry qemu-riscv64 (M), interpreter /usr/libexec/qemu-binfmt/riscv64-binfmt-P\n"
                + "  argv: /usr/libexec/qemu-binfmt/riscv64-binfmt-P " + f + " " + f + "\n", r.out());
    }

    @Test
    void theErrnoExecWouldFailWithAndWhy() throws Exception {
        Path state = dir.resolve("s");
        registerDebianQemu(state);
        Path script = Resources.executable(dir, ProgCommandsTest.header("hello.sh"));
        Path plain = dir.resolve("not-executable");
        Files.write(plain, new byte[] {0x7f, 'E', 'L', 'F'});
        Path loop = dir.resolve("loop");
        Files.createSymbolicLink(loop, loop);
        Cli.Result r = Cli.inState(state, "resolve", script.toString(), dir.resolve("missing").toString(), plain.toString(),
                loop.toString());
        assertEquals(ExitCodes.NO, r.exitCode());
        assertEquals(script + ": ENOEXEC: no enabled entry matched (the kernel would go on to its other binary formats)\n"
                + dir.resolve("missing") + ": ENOENT: No such file or directory\n"
                + plain + ": EACCES: Permission denied (not a regular file with an x permission bit)\n"
                + loop + ": ELOOP: Too many levels of symbolic links\n", r.out());
    }

    @Test
    void anInterpreterThatIsNotInstalledIsEnoent() throws Exception {
        Path state = dir.resolve("s");
        Cli.inState(state, "register", ":ghost:M::#!ghost::/nonexistent/ghost:");
        Path f = dir.resolve("g");
        Files.writeString(f, "#!ghost\n");
        f.toFile().setExecutable(true);
        Cli.Result r = Cli.inState(state, "resolve", "--argv0", "G", f.toString());
        assertEquals(ExitCodes.NO, r.exitCode());
        assertEquals(f + ": entry ghost (M), interpreter /nonexistent/ghost\n  argv: /nonexistent/ghost " + f + "\n"
                + "  exec fails: ENOENT: interpreter /nonexistent/ghost: No such file or directory\n", r.out());
    }

    @Test
    void anInterpreterThatIsItselfARegisteredTypeIsFollowed() throws Exception {
        Path state = dir.resolve("s");
        Path wrapper = dir.resolve("wrapper");
        Files.writeString(wrapper, "WRAPPED\0");
        wrapper.toFile().setExecutable(true);
        Cli.inState(state, "register", ":outer:M::OUTER::" + wrapper + ":");
        Cli.inState(state, "register", ":inner:M::WRAPPED::/bin/cat:P");
        Path f = dir.resolve("f");
        Files.writeString(f, "OUTER\0");
        f.toFile().setExecutable(true);
        Cli.Result r = Cli.inState(state, "resolve", "--argv0", "F", f.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(f + ": entry outer (M) then inner, interpreter /bin/cat\n  argv: /bin/cat " + wrapper + " " + wrapper
                + " " + f + "\n", r.out());
    }

    static void registerDebianQemu(Path state) throws Exception {
        try (var confs = Files.list(Cli.sharedData("data/qemu-binfmt.d"))) {
            List<String> args = new ArrayList<>(List.of("register", "--state", state.toString(), "--file"));
            confs.sorted().forEach(c -> args.add(c.toString()));
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertEquals(0, r.exitCode(), r.toString());
        }
    }

    private static JsonNode json(Path state, List<String> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("resolve", "--json", "--argv0", "hello", "--state", state.toString()));
        args.addAll(files);
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertTrue(r.exitCode() == ExitCodes.NO, r.toString()); // three files have no handler
        return new ObjectMapper().readTree(r.out());
    }
}
