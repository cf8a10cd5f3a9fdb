package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** asm, disasm, test-data, conformance-plugin, completion, man pages, --help on every command. */
class ToolsTest {
    @TempDir Path dir;

    @Test
    void asmPrintsOneSlotPerLineOrWritesRawBytes() throws Exception {
        Path src = dir.resolve("p.s");
        Files.writeString(src, "mov %r0, 1\nlddw %r1, 0x1122334455667788\nexit\n");
        Cli.Result r = Cli.run("asm", src.toString());
        assertEquals("b7 00 00 00 01 00 00 00\n18 01 00 00 88 77 66 55\n00 00 00 00 44 33 22 11\n"
                + "95 00 00 00 00 00 00 00\n", r.out());
        Path out = dir.resolve("p.bin");
        assertEquals(0, Cli.run("asm", src.toString(), "-o", out.toString()).exitCode());
        assertEquals(32, Files.size(out));
        Cli.Result d = Cli.run("disasm", "--raw", out.toString());
        assertEquals("       0:\tr0 = 0x1\n       1:\tr1 = 0x1122334455667788 ll\n       3:\texit\n", d.out());
    }

    @Test
    void asmErrorsNameFileLineAndColumn() throws Exception {
        Path src = dir.resolve("bad.s");
        Files.writeString(src, "mov %r0, 1\nfrob %r1\n");
        Cli.Result r = Cli.run("asm", src.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().startsWith("binfmt-bpf asm: " + src + ":2:"), r.err());
    }

    @Test
    void disasmEqualsLlvmObjdump() throws Exception {
        Path object = Resources.machinesObject(dir);
        ProcessBuilder pb = new ProcessBuilder("llvm-objdump-19", "-d", "--no-show-raw-insn", "--mcpu=v3",
                object.toString());
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            Assumptions.abort("llvm-objdump-19 is not installed (apt-get install llvm-19)");
            return;
        }
        String expected = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        assertEquals(expected, Cli.run("disasm", "--mcpu=v3", object.toString()).out());
    }

    @Test
    void testDataRunsTheConformanceSuite() {
        Path tests = Cli.sharedData("bpf-conformance/tests");
        Cli.Result r = Cli.run("test-data", tests.resolve("add.data").toString(), tests.resolve("exit.data").toString());
        assertEquals("2 passed, 0 failed\n", r.out());
        assertEquals(0, r.exitCode());
    }

    @Test
    void testDataPrintsEachFailureWithExpectedAndActual() throws Exception {
        Path wrong = dir.resolve("wrong.data");
        Files.writeString(wrong, "-- asm\nmov %r0, 2\nexit\n-- result\n0x3\n");
        Cli.Result r = Cli.run("test-data", "--engine", "jit", wrong.toString());
        assertEquals(ExitCodes.NO, r.exitCode());
        assertEquals("0 passed, 1 failed\nFAIL wrong.data: expected r0 = 0x3, got r0 = 0x2\n", r.out());
    }

    @Test
    void aMalformedDataFileIsBadInputNamingFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.data");
        Files.writeString(bad, "-- asm\nexit\n-- result\nxyz\n");
        Cli.Result r = Cli.run("test-data", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("binfmt-bpf test-data: bad.data:4: -- result: 'xyz' is not a 64-bit hex value\n", r.err());
    }

    @Test
    void conformancePluginSpeaksTheRunnersProtocol() throws Exception {
        // ldxb r0, [r1+1]; exit: the second byte of the memory argument.
        Cli.Result r = Launcher.run("71 10 01 00 00 00 00 00 95 00 00 00 00 00 00 00\n", "conformance-plugin", "aabbcc");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("bb\n", r.out());
        Cli.Result helper = Launcher.run("b7 01 00 00 2a 00 00 00 85 00 00 00 05 00 00 00 95 00 00 00 00 00 00 00\n",
                "conformance-plugin", "", "--elf");
        assertEquals("2a\n", helper.out(), helper.toString());
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = Main.newCommandLine();
        List<CommandLine> all = new java.util.ArrayList<>();
        collect(root, all);
        assertTrue(all.size() > 25, "commands: " + all.size());
        for (CommandLine c : all) {
            if (c.getCommandName().equals("help")) {
                continue; // picocli's own help command prints help about other commands
            }
            List<String> path = new java.util.ArrayList<>(List.of(c.getCommandSpec().qualifiedName(" ").split(" ")));
            path.remove(0);
            path.add("--help");
            Cli.Result r = Cli.run(path.toArray(new String[0]));
            assertEquals(0, r.exitCode(), path + ": " + r);
            assertTrue(r.out().startsWith("Usage: binfmt-bpf"), path + ": " + r.out());
        }
    }

    @Test
    void completionScriptAndManPages() throws Exception {
        Cli.Result c = Cli.run("generate-completion");
        assertTrue(c.out().contains("complete -F _complete_binfmt-bpf"), c.out());
        Path man = dir.resolve("man");
        assertEquals(0, Cli.run("gen-manpage", "-d", man.toString()).exitCode());
        assertTrue(Files.exists(man.resolve("binfmt-bpf-prog-run.adoc")));
    }

    @Test
    void debugPrintsTheStackTrace() {
        Cli.Result r = Cli.run("prog", "verify", "/nonexistent.o", "--debug");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode());
        assertTrue(r.err().startsWith("binfmt-bpf prog verify: /nonexistent.o: no such file\n"), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
        assertEquals("binfmt-bpf prog verify: /nonexistent.o: no such file\n",
                Cli.run("prog", "verify", "/nonexistent.o").err());
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> {
            if (!out.contains(s)) {
                collect(s, out);
            }
        });
    }
}
