package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prog verify, the verifier at prog load, prog dump jited and prog run --engine jit. */
class VerifyAndJitTest {
    @TempDir Path dir;

    @Test
    void verifyAcceptsTheQemuProgramAndPrintsTheLog() throws Exception {
        Cli.Result r = Cli.run("prog", "verify", Resources.qemuObject(dir).toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("== binfmt/qemu: accepted\n"), r.out());
        assertTrue(r.out().contains("processed "), r.out());
    }

    @Test
    void aRefusedProgramIsNotPinnedAndTheLogSaysWhereAndWhy() throws Exception {
        Path object = Resources.copy("/org/binfmtbpf/cli/out_of_bounds.bpf.o", dir.resolve("out_of_bounds.bpf.o"));
        Cli.Result verify = Cli.run("prog", "verify", object.toString());
        assertEquals(ExitCodes.NO, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("invalid bpf_context access off=300 size=1"), verify.out());
        Path state = dir.resolve("state");
        Cli.Result load = Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/oob");
        assertEquals(ExitCodes.NO, load.exitCode(), load.toString());
        assertTrue(load.err().endsWith("binfmt-bpf prog load: out_of_bounds.bpf.o: program past_the_header refused by the"
                + " verifier: insn 0: invalid bpf_context access off=300 size=1 (./out_of_bounds.bpf.c:12)\n"), load.err());
        assertEquals("", Cli.inState(state, "prog", "show").out());
    }

    @Test
    void verifyGivesAProgramOnlyTheHelpersOfItsTypeAsLoadDoes() throws Exception {
        Path object = Resources.copy("/org/binfmtbpf/cli/socket_path.bpf.o", dir.resolve("socket_path.bpf.o"));
        String refusal = "program 'wants_the_path': instruction 4 (call 0x3e8; 85 00 00 00 e8 03 00 00): unknown helper 1000";
        Cli.Result verify = Cli.run("prog", "verify", object.toString());
        assertEquals(ExitCodes.BAD_INPUT, verify.exitCode(), verify.toString());
        assertTrue(verify.err().contains(refusal), verify.err());
        Path state = dir.resolve("state");
        Cli.Result load = Cli.inState(state, "prog", "load", object.toString(), "/sys/fs/bpf/p");
        assertEquals(ExitCodes.BAD_INPUT, load.exitCode(), load.toString());
        assertTrue(load.err().contains(refusal), load.err());
        Cli.Result asBinfmt = Cli.run("prog", "verify", object.toString(), "--type", "binfmt");
        assertEquals(0, asBinfmt.exitCode(), asBinfmt.toString());
        assertTrue(asBinfmt.out().startsWith("== socket/wants_the_path: accepted\n"), asBinfmt.out());
    }

    @Test
    void dumpJitedAsJsonIsJson() throws Exception {
        Path state = dir.resolve("state");
        Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(), "/sys/fs/bpf/m");
        Cli.Result r = Cli.inState(state, "-j", "prog", "dump", "jited", "pinned", "/sys/fs/bpf/m");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode dump = new ObjectMapper().readTree(r.out());
        assertEquals("count_machines", dump.get("name").asText());
        assertTrue(dump.get("lines").get(0).asText().startsWith("// class version"), r.out());
    }

    @Test
    void anUnknownLogLevelIsAUsageError() throws Exception {
        Cli.Result r = Cli.run("prog", "verify", Resources.qemuObject(dir).toString(), "--log-level", "7");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog verify: --log-level: 7 is not a log level (0, 1 or 2)\n", r.err());
    }

    @Test
    void aSectionWithNoProgramIsNamedNotSilentlyAccepted() throws Exception {
        Cli.Result r = Cli.run("prog", "verify", Resources.qemuObject(dir).toString(), "--section", "nosuch");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf prog verify: qemu.bpf.o: no program in section 'nosuch'\n", r.err());
    }

    @Test
    void verifyAndDumpXlatedAsJson() throws Exception {
        Path object = Resources.copy("/org/binfmtbpf/cli/out_of_bounds.bpf.o", dir.resolve("out_of_bounds.bpf.o"));
        Cli.Result verify = Cli.run("-j", "prog", "verify", object.toString());
        assertTrue(verify.out().startsWith("[{\"section\":\"binfmt\",\"name\":\"past_the_header\",\"accepted\":false,"
                + "\"summary\":\"insn 0: invalid bpf_context access off=300 size=1 (./out_of_bounds.bpf.c:12)\""), verify.out());
        Path state = dir.resolve("state");
        Cli.inState(state, "prog", "load", Resources.machinesObject(dir).toString(), "/sys/fs/bpf/m");
        Cli.Result dump = Cli.inState(state, "prog", "dump", "xlated", "pinned", "/sys/fs/bpf/m", "--json");
        assertTrue(dump.out().startsWith("[{\"function\":\"count_machines\",\"pc\":0,\"disasm\":\"(b4) w0 = 0\","
                + "\"src\":"), dump.out());
        assertTrue(dump.out().contains("\"disasm\":\"(18) r1 = map[id:1]\""), dump.out());
    }

    @Test
    void theJitGivesTheInterpretersAnswerAndDumpsItsBytecode() throws Exception {
        Path state = dir.resolve("state");
        assertEquals(0, Cli.inState(state, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu")
                .exitCode());
        Path s390x = Resources.executable(dir, ProgCommandsTest.header("hello-s390x"));
        Cli.Result jit = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", s390x.toString(),
                "repeat", "1000", "--engine", "jit");
        assertTrue(jit.out().matches("Return value: 1, duration \\(average\\): \\d+ns\n"
                + "Interpreter: /usr/libexec/qemu-binfmt/s390x-binfmt-P\n"), jit.toString());
        Cli.Result dump = Cli.inState(state, "prog", "dump", "jited", "pinned", "/sys/fs/bpf/qemu");
        assertEquals(0, dump.exitCode(), dump.toString());
        assertTrue(dump.out().contains("INVOKESTATIC"), dump.out());
        // The dump is the code that runs: the verifier placed every header and table read.
        assertTrue(dump.out().contains("DirectBytes.load8") && !dump.out().contains("Memory.load"), dump.out());
    }

    @Test
    void anUnknownEngineIsAUsageError() throws Exception {
        Path state = dir.resolve("state");
        Cli.inState(state, "prog", "load", Resources.qemuObject(dir).toString(), "/sys/fs/bpf/qemu");
        Path f = Resources.executable(dir, ProgCommandsTest.header("hello-s390x"));
        Cli.Result r = Cli.inState(state, "prog", "run", "pinned", "/sys/fs/bpf/qemu", "data_in", f.toString(),
                "--engine", "turbo");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("binfmt-bpf prog run: --engine: no engine named 'turbo'"), r.err());
    }
}
