package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.binfmtbpf.cli.demo.SampleHeader;
import org.binfmtbpf.cli.demo.SampleHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prog load, show, dump, run, unpin: bpftool's verbs and output on the bundled qemu program. */
class ProgCommandsTest {
    @TempDir Path dir;
    Path state;
    Path aarch64;
    Path x86;

    @BeforeEach
    void loadTheQemuProgram() throws Exception {
        state = dir.resolve("state");
        Path object = Resources.qemuObject(dir);
        Cli.Result r = Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/qemu", "type", "socket");
        assertEquals(0, r.exitCode(), r.toString());
        aarch64 = Resources.executable(dir, header("hello-aarch64"));
        x86 = Resources.executable(dir, header("hello-x86_64"));
    }

    static SampleHeader header(String file) {
        return SampleHeaders.all().stream().filter(h -> h.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void showPrintsBpftoolsLines() {
        Cli.Result r = Cli.inState(state, "prog", "show");
        assertTrue(r.out().matches("1: socket_filter  name qemu  tag [0-9a-f]{16}  gpl\n"
                + "\txlated \\d+B  not jited  map_ids 1\n\tpinned /sys/fs/bpf/qemu\n"), r.out());
        assertEquals(r.out(), Cli.inState(state, "prog", "show", "pinned", "/sys/fs/bpf/qemu").out());
    }

    @Test
    void showListsOnlyTheMapsTheProgramRefersToAsTheKernelsUsedMaps() throws Exception {
        Path object = Resources.copy("/org/binfmtbpf/cli/two_programs.bpf.o", dir.resolve("two_programs.bpf.o"));
        Path other = dir.resolve("other-state");
        assertEquals(0, Cli.inState(other, "prog", "loadall", object.toString(), "/sys/fs/bpf/two").exitCode());
        // The object's maps firsts and seconds are created once (ids 1, 2) and shared by both programs;
        // the kernel (bpftool 7.1 on Linux 6.18) shows the one each program reads, and the same tag (its
        // xlated size is 136B: it inlines the array lookup).
        assertEquals("2: socket_filter  name read_second  tag 81bf33d2ec23cd2f  gpl\n"
                + "\txlated 88B  not jited  map_ids 2\n\tpinned /sys/fs/bpf/two/read_second\n",
                Cli.inState(other, "prog", "show", "pinned", "/sys/fs/bpf/two/read_second").out());
    }

    @Test
    void aProgramIsNamedByIdTagOrNameAsInBpftool() {
        String byPin = Cli.inState(state, "prog", "show", "pinned", "/sys/fs/bpf/qemu").out();
        String tag = byPin.substring(byPin.indexOf("tag ") + 4, byPin.indexOf("tag ") + 20);
        assertEquals(byPin, Cli.inState(state, "prog", "show", "id", "1").out());
        assertEquals(byPin, Cli.inState(state, "prog", "show", "name", "qemu").out());
        assertEquals(byPin, Cli.inState(state, "prog", "show", "tag", tag).out());
        assertEquals(Cli.inState(state, "prog", "dump", "xlated", "pinned", "/sys/fs/bpf/qemu").out(),
                Cli.inState(state, "prog", "dump", "xlated", "id", "1").out());
        assertTrue(Cli.inState(state, "prog", "run", "name", "qemu", "data_in", aarch64.toString()).out()
                .startsWith("Return value: 1, "));
        Cli.Result none = Cli.inState(state, "prog", "show", "id", "7");
        assertEquals(ExitCodes.ENVIRONMENT, none.exitCode());
        assertEquals("binfmt-bpf prog show: prog id 7: no such program (see 'prog show')\n", none.err());
    }

    @Test
    void aNameSeveralProgramsShareIsShownForAllButRunsNone() throws Exception {
        assertEquals(0, Cli.inState(state, "prog", "load", dir.resolve("qemu.bpf.o").toString(), "/sys/fs/bpf/qemu2")
                .exitCode());
        assertEquals(2, Cli.inState(state, "prog", "show", "name", "qemu").out().lines()
                .filter(l -> l.startsWith("\tpinned ")).count());
        Cli.Result run = Cli.inState(state, "prog", "run", "name", "qemu", "data_in", aarch64.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals("binfmt-bpf prog run: prog name qemu: 2 programs match; name one with id or pinned\n", run.err());
    }

    @Test
    void stateMayComeBeforeTheVerbAsJsonDoes() {
        Cli.Result before = Cli.run("--state", state.toString(), "prog", "show");
        assertEquals(0, before.exitCode(), before.toString());
        assertEquals(Cli.inState(state, "prog", "show").out(), before.out());
    }

    @Test
    void runPrintsBpftoolsResultLineAndTheChosenInterpreter() {
        Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", aarch64.toString());
        assertTrue(r.out().matches("Return value: 1, duration: \\d+ns\n"
                + "Interpreter: /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"), r.toString());
        Cli.Result none = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", x86.toString(),
                "repeat", "100");
        assertTrue(none.out().matches("Return value: 0, duration \\(average\\): \\d+ns\n"), none.toString());
    }

    @Test
    void runReadsDataInFromStdinForADash() throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(aarch64)));
            Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", "-");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().startsWith("Return value: 1, "), r.out());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void runAsJsonUsesBpftoolsFieldNames() {
        Cli.Result r = Cli.inState(state, "-j", "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", aarch64.toString());
        assertTrue(r.out().matches("\\{\"retval\":1,\"duration\":\\d+,\"interpreter\":"
                + "\"/usr/libexec/qemu-binfmt/aarch64-binfmt-P\",\"engine\":\"interp\"}\n"), r.toString());
    }

    @Test
    void dumpXlatedShowsTheKernelsSyntaxWithSourceLines() {
        Cli.Result r = Cli.inState(state, "prog", "dump", "xlated", "pinned", "/sys/fs/bpf/qemu", "linum");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("qemu:\n; "), r.out());
        assertTrue(r.out().contains("(85) call bpf_binprm_set_interp#212\n"), r.out());
        assertTrue(r.out().contains("(95) exit\n"), r.out());
        assertTrue(r.out().contains(" [file:"), r.out());
        assertTrue(r.out().contains("r1 = map[id:1][0]+"), r.out());
    }

    @Test
    void keywordMistakesAreUsageErrors() {
        Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data", "x");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("binfmt-bpf prog run: expected 'data_in', got 'data'\n", r.err());
    }

    @Test
    void aMissingOperandNamesTheCommandOnce() {
        Cli.Result r = Cli.inState(state, "prog", "load", dir.resolve("qemu.bpf.o").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals("binfmt-bpf prog load: missing PIN\n", r.err());
    }

    @Test
    void aMissingPinIsOneLine() {
        Cli.Result r = Cli.inState(state, "prog", "show", "pinned", "/sys/fs/bpf/nothing");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode());
        assertEquals("binfmt-bpf prog show: /sys/fs/bpf/nothing: no program pinned there (see 'prog show')\n", r.err());
    }

    @Test
    void withJsonAnErrorIsAlsoAJsonObjectOnStdoutAsBpftoolPrintsIt() {
        Cli.Result r = Cli.inState(state, "-j", "prog", "show", "pinned", "/sys/fs/bpf/nothing");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode());
        assertEquals("{\"error\":\"/sys/fs/bpf/nothing: no program pinned there (see 'prog show')\"}\n", r.out());
        assertEquals("binfmt-bpf prog show: /sys/fs/bpf/nothing: no program pinned there (see 'prog show')\n", r.err());
    }

    @Test
    void aPinOutsideTheBpfFilesystemIsRefused() throws Exception {
        Cli.Result r = Cli.inState(state, "prog", "load", Resources.qemuObject(dir).toString(), "/tmp/qemu");
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("/tmp/qemu") && r.err().contains("EPERM"), r.err());
    }

    @Test
    void aBrokenObjectNamesTheObject() throws Exception {
        Path junk = dir.resolve("junk.o");
        Files.write(junk, new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3});
        Cli.Result r = Cli.inState(state, "prog", "load", junk.toString(), "/sys/fs/bpf/junk");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("binfmt-bpf prog load: junk.o"), r.err());
    }

    @Test
    void unpinRemovesThePin() {
        assertEquals(0, Cli.inState(state, "prog", "unpin", "pinned", "/sys/fs/bpf/qemu").exitCode());
        assertEquals("", Cli.inState(state, "prog", "show").out());
    }
}
