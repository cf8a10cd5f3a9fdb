package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.binfmtbpf.program.ProgramType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program pinned from a clang-built object (src/test/resources/programs/origin.bpf.c) is
 * stored as the object's bytes and reloaded through the ELF loader by the next session; it
 * computes an $ORIGIN-relative interpreter with binprm_get_path.
 */
class ElfProgramSourceTest {
    @TempDir
    Path dir;

    private static byte[] object() throws Exception {
        try (InputStream in = ElfProgramSourceTest.class.getResourceAsStream("/programs/origin.bpf.o")) {
            return in.readAllBytes();
        }
    }

    private static byte[] aarch64Header() {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = 2;
        h[5] = 1;
        h[16] = 2;
        h[18] = (byte) 183;
        return h;
    }

    private StateSession open() {
        return StateDirectory.at(dir).open(ProgramLoader.withPreferredEngine(), path -> null, FaultListener.LOG);
    }

    @Test
    void anObjectIsStoredAsItsBytesAndReloadedByTheNextSession() throws Exception {
        ElfProgramSource source = ElfProgramSource.firstProgram("origin.bpf.o", object(), ProgramType.BINFMT,
                BinfmtHelpers.binfmtRegistry());
        assertEquals("origin", source.name());
        try (StateSession s = open()) {
            s.pins().pin("/sys/fs/bpf/origin", s.loader().load(source));
            s.binfmt().register(":origin:B:/sys/fs/bpf/origin::::");
            s.commit();
        }
        try (StateSession s = open()) {
            PinnedProgram reloaded = s.pins().programAt("/sys/fs/bpf/origin");
            assertInstanceOf(ElfProgramSource.class, reloaded.source());
            assertEquals(ProgramType.BINFMT, reloaded.program().type());
            assertEquals("origin", reloaded.program().name());
        }
    }

    @Test
    void theProgramComputesTheInterpreterBesideTheBinary() throws Exception {
        TestPrograms.assumeEngine();
        try (StateSession s = open()) {
            s.pins().pin("/sys/fs/bpf/origin", s.loader().load(ElfProgramSource.firstProgram("origin.bpf.o", object(),
                    ProgramType.BINFMT, BinfmtHelpers.binfmtRegistry())));
            s.binfmt().register(":origin:B:/sys/fs/bpf/origin::::P");
            s.commit();
        }
        try (StateSession s = open()) {
            ExecOutcome outcome = s.binfmt().resolve(ExecRequest.of("/opt/arm/bin/tool", List.of("tool", "-x"), aarch64Header()));
            Resolution r = assertInstanceOf(ExecOutcome.Resolved.class, outcome).resolution();
            assertEquals("/opt/arm/bin/qemu-aarch64", r.interpreter());
            assertEquals(List.of("/opt/arm/bin/qemu-aarch64", "/opt/arm/bin/tool", "tool", "-x"), r.argv());
            byte[] x86 = aarch64Header();
            x86[18] = 62;
            assertInstanceOf(ExecOutcome.NotRecognised.class, s.binfmt().resolve(ExecRequest.of("/opt/x", List.of(), x86)));
        }
    }
}
