package org.binfmtbpf.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files uBPF and the kernel get are the JMH benchmarks' own headers and program. */
class NativeInputsTest {
    @TempDir Path dir;

    @Test
    void headersAreTheBenchmarksHeaders() throws IOException {
        NativeInputs.write(dir);
        for (String name : NativeInputs.HEADERS) {
            assertArrayEquals(SampleHeaders.named(name), Files.readAllBytes(dir.resolve(name + ".hdr")), name);
        }
    }

    @Test
    void largeObjectHoldsTheLargeProgramAndRunsAlike() throws IOException {
        NativeInputs.write(dir);
        Program expected = BenchPrograms.straightLine(NativeInputs.LARGE_SLOTS, NativeInputs.LARGE_SEED);
        Program loaded = ElfLoader.load(Files.readAllBytes(dir.resolve("straight4096.bpf.o")), "straight4096.bpf.o",
                StandardHelpers.registry(), ProgramType.BINFMT).programs().get(0).program();

        assertArrayEquals(expected.instructions(), loaded.instructions());
        byte[] host = SampleHeaders.named("host");
        assertEquals(interpret(expected, host), interpret(loaded, host));
    }

    @Test
    void xdpTwinIsThePrologueThenTheSameInstructions() {
        Instruction[] body = BenchPrograms.straightLine(64, 1).instructions();
        Instruction[] twin = NativeInputs.xdpTwin(body);
        int p = NativeInputs.XDP_PROLOGUE_LENGTH;

        assertEquals(body.length + p, twin.length);
        assertArrayEquals(body, Arrays.copyOfRange(twin, p, twin.length));
        Instruction boundsCheck = twin[4];
        assertEquals(p, 4 + 1 + boundsCheck.off(), "a long enough packet jumps to the body's first instruction");
    }

    private static long interpret(Program p, byte[] header) {
        Executable exe = EngineChoice.named("interp").prepare(p);
        Invocation inv = Invocation.current();
        inv.begin(p, header);
        return exe.run(inv);
    }
}
