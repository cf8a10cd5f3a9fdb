package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** binprm_get_path (helper 1000), called as an engine calls it. */
class BinfmtHelpersTest {
    private final Invocation inv = Invocation.current();
    private final long bottom = Address.of(Address.STACK_REGION, 0);

    @BeforeEach
    void begin() {
        Program p = TestPrograms.binfmt("p", "mov %r0, 0\nexit").load(BinfmtHelpers.binfmtRegistry());
        inv.begin(p, new byte[256]);
        Arrays.fill(inv.stack, (byte) 0x55);
    }

    @Test
    void copiesThePathWithItsNulZeroesTheRestAndReturnsTheSizeItNeeds() {
        inv.binaryPath("/a/b.foo");
        assertEquals(9, BinfmtHelpers.binprmGetPath(inv, bottom, 16, 0, 0, 0));
        assertArrayEquals(Latin1.bytes("/a/b.foo\0\0\0\0\0\0\0\0\u0055"), Arrays.copyOf(inv.stack, 17),
                "all 16 bytes are written (the verifier counts them as written), nothing after them");
    }

    @Test
    void aSmallBufferGetsTheStartOfThePathAndTheResultSaysSo() {
        inv.binaryPath("/a/b.foo");
        assertEquals(9, BinfmtHelpers.binprmGetPath(inv, bottom, 4, 0, 0, 0));
        assertArrayEquals(Latin1.bytes("/a/\0\u0055"), Arrays.copyOf(inv.stack, 5));
    }

    @Test
    void anOffsetReadsFurtherIntoThePath() {
        inv.binaryPath("/a/b.foo");
        assertEquals(5, BinfmtHelpers.binprmGetPath(inv, bottom, 5, 4, 0, 0));
        assertArrayEquals(Latin1.bytes(".foo\0"), Arrays.copyOf(inv.stack, 5));
        assertEquals(1, BinfmtHelpers.binprmGetPath(inv, bottom, 5, 8, 0, 0));
        assertEquals(0, inv.stack[0]);
    }

    @Test
    void anOffsetPastTheEndIsEinvalAndZeroesTheBuffer() {
        inv.binaryPath("/a/b.foo");
        assertEquals(-22, BinfmtHelpers.binprmGetPath(inv, bottom, 8, 9, 0, 0));
        assertArrayEquals(new byte[8], Arrays.copyOf(inv.stack, 8));
        assertEquals(0x55, inv.stack[8]);
    }

    @Test
    void outsideAnExecThereIsNoPath() {
        inv.binaryPath(null);
        assertEquals(-2, BinfmtHelpers.binprmGetPath(inv, bottom, 8, 0, 0, 0));
    }

    @Test
    void onlyBinfmtProgramsGetTheHelper() {
        assertEquals(null, BinfmtHelpers.standardRegistry().get(BinfmtHelpers.BINPRM_GET_PATH));
        assertEquals("binprm_get_path", BinfmtHelpers.binfmtRegistry().get(BinfmtHelpers.BINPRM_GET_PATH).name());
        assertEquals(ProgramType.BINFMT, ProgramType.valueOf("BINFMT"));
    }
}
