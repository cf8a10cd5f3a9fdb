package org.binfmtbpf.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.binfmtbpf.isa.Instruction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bpf(2) wrapper against the running kernel. */
class KernelBpfTest {
    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    @Test
    void aSyscallProgramRunsOnItsContext() {
        Instruction[] prog = {
            Instruction.of(0x61, 0, 1, 4, 0),   // r0 = *(u32 *)(r1 + 4)
            Instruction.of(0x95, 0, 0, 0, 0),   // exit
        };
        try (KernelProgram p = KernelBpf.loadProgram("ctx_word", KernelProgram.SYSCALL, prog, "GPL")) {
            byte[] ctx = new byte[256];
            ctx[4] = 0x78;
            ctx[5] = 0x56;
            assertEquals(0x5678, p.testRun(ctx));
        }
    }

    @Test
    void aSocketFilterSeesTheContextAfterTheEthernetHeader() {
        Instruction[] prog = {
            Instruction.of(0xbf, 6, 1, 0, 0),   // r6 = r1 (LD_ABS reads the skb in r6)
            Instruction.of(0x30, 0, 0, 0, 1),   // r0 = LD_ABS byte [1]
            Instruction.of(0x95, 0, 0, 0, 0),
        };
        try (KernelProgram p = KernelBpf.loadProgram("abs_byte", KernelProgram.SOCKET_FILTER, prog, "GPL")) {
            byte[] ctx = new byte[256];
            ctx[1] = 0x7f;
            assertEquals(0x7f, p.testRun(ctx));
        }
    }

    @Test
    void aRefusedLoadCarriesTheVerifierLog() {
        Instruction[] prog = {Instruction.of(0x95, 0, 0, 0, 0)};   // exit with r0 never written
        KernelBpfException e = assertThrows(KernelBpfException.class,
                () -> KernelBpf.loadProgram("bad", KernelProgram.SYSCALL, prog, "GPL"));
        assertEquals(13, e.errno(), "EACCES");
        assertTrue(e.verifierLog().contains("R0 !read_ok"), e.verifierLog());
        assertTrue(e.getMessage().startsWith("BPF_PROG_LOAD 'bad' failed: -EACCES"), e.getMessage());
    }

    @Test
    void mapCommandsRoundTrip() {
        try (KernelMap m = KernelBpf.createMap("roundtrip", 1, 4, 8, 4, 0)) {
            byte[] k = {1, 0, 0, 0};
            byte[] v = {1, 2, 3, 4, 5, 6, 7, 8};
            assertNull(m.lookup(k));
            assertEquals(0, m.update(k, v, 0));
            assertArrayEquals(v, m.lookup(k));
            assertArrayEquals(k, m.nextKey(null));
            assertNull(m.nextKey(k));
            assertEquals(0, m.delete(k));
            assertEquals(-2, m.delete(k));
        }
    }

    @Test
    void aPinnedMapCanBeOpenedAgainByPath() throws Exception {
        java.nio.file.Path bpffs = java.nio.file.Path.of("/sys/fs/bpf");
        Assumptions.assumeTrue(java.nio.file.Files.isDirectory(bpffs), "no bpffs mounted at /sys/fs/bpf");
        java.nio.file.Path pin = bpffs.resolve("binfmtbpf-test-" + ProcessHandle.current().pid());
        try (KernelMap m = KernelBpf.createMap("pinned", 2, 4, 4, 1, 0)) {
            m.update(new byte[4], new byte[] {9, 8, 7, 6}, 0);
            KernelBpf.objPin(m.fd(), pin.toString());
            int fd = KernelBpf.objGet(pin.toString());
            try (KernelMap again = new KernelMap(fd, "pinned", 4, 4)) {
                assertArrayEquals(new byte[] {9, 8, 7, 6}, again.lookup(new byte[4]));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(pin);
        }
        assertTrue(!java.nio.file.Files.exists(pin), "the pin is removed");
    }

    @Test
    void namesAreCutToWhatTheKernelAccepts() {
        assertEquals("obj.rodata", KernelBpf.kernelName("obj.rodata"));
        assertEquals("a_very_long_map", KernelBpf.kernelName("a-very-long-map-name"));
    }
}
