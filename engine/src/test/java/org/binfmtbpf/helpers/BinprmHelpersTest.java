package org.binfmtbpf.helpers;

import static org.binfmtbpf.helpers.BinprmHelpers.binprmSetInterp;
import static org.binfmtbpf.helpers.HelperTestSupport.invocation;
import static org.binfmtbpf.helpers.HelperTestSupport.onStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

/** Helper 212 as the RFC defines it: {@code (const char *path, u32 len)}, len in [1, PATH_MAX). */
class BinprmHelpersTest {
    private static final byte[] QEMU = "/usr/bin/qemu-aarch64-static".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPathOfLenBytesBecomesTheInterpreter() {
        Invocation inv = invocation(new byte[256]);
        long path = onStack(inv, 100, QEMU);
        assertEquals(0, binprmSetInterp(inv, path, QEMU.length, 0, 0, 0));
        assertEquals("/usr/bin/qemu-aarch64-static", inv.chosenInterpreter());
    }

    @Test
    void lenZeroIsEinvalAndChoosesNothing() {
        Invocation inv = invocation(new byte[256]);
        assertEquals(-22, binprmSetInterp(inv, onStack(inv, 0, QEMU), 0, 0, 0, 0));
        assertFalse(inv.hasInterpreter());
        assertNull(inv.chosenInterpreter());
    }

    @Test
    void lenPathMaxMinusOneIsTheLongestAccepted() {
        ArrayMap big = (ArrayMap) BpfMaps.create(new MapSpec("paths", MapType.ARRAY, 4, 4096, 1, 0, null, false));
        Arrays.fill(big.valuesRegion().bytes(), (byte) 'a');
        Invocation inv = invocation(new byte[256]);
        long path = big.valueAddress(0);
        assertEquals(0, binprmSetInterp(inv, path, 4095, 0, 0, 0));
        assertEquals(4095, inv.chosenInterpreter().length());
        assertEquals(-22, binprmSetInterp(inv, path, 4096, 0, 0, 0), "len >= PATH_MAX");
        assertEquals(4095, inv.chosenInterpreter().length(), "a refused call keeps the earlier choice");
        big.close();
    }

    @Test
    void lenIsAU32SoHighBitsAreIgnored() {
        Invocation inv = invocation(new byte[256]);
        long path = onStack(inv, 0, QEMU);
        assertEquals(0, binprmSetInterp(inv, path, (1L << 32) | 8, 0, 0, 0));
        assertEquals("/usr/bin", inv.chosenInterpreter());
        assertEquals(-22, binprmSetInterp(inv, path, 0xffffffffL, 0, 0, 0));
    }

    @Test
    void theBytesAreCopiedAtTheCallAndALaterCallReplacesThem() {
        Invocation inv = invocation(new byte[256]);
        long path = onStack(inv, 0, QEMU);
        binprmSetInterp(inv, path, QEMU.length, 0, 0, 0);
        Arrays.fill(inv.stack, 0, QEMU.length, (byte) 'x');
        assertEquals("/usr/bin/qemu-aarch64-static", inv.chosenInterpreter());
        binprmSetInterp(inv, path, 3, 0, 0, 0);
        assertEquals("xxx", inv.chosenInterpreter());
    }

    @Test
    void theLenBytesAreTakenAsIsEvenPastANul() {
        Invocation inv = invocation(new byte[256]);
        long path = onStack(inv, 0, new byte[] {'/', 'a', 0, 'b'});
        assertEquals(0, binprmSetInterp(inv, path, 4, 0, 0, 0));
        assertEquals("/a\0b", inv.chosenInterpreter());
    }

    @Test
    void thePathMayComeFromTheHeaderItself() {
        byte[] header = new byte[256];
        System.arraycopy(QEMU, 0, header, 16, QEMU.length);
        Invocation inv = invocation(header);
        assertEquals(0, binprmSetInterp(inv, Invocation.contextAddress() + 16, QEMU.length, 0, 0, 0));
        assertEquals("/usr/bin/qemu-aarch64-static", inv.chosenInterpreter());
    }

    @Test
    void aPathOutsideProgramMemoryFaults() {
        Invocation inv = invocation(new byte[256]);
        BpfFault f = assertThrows(BpfFault.class, () -> binprmSetInterp(inv, Invocation.stackTop() - 4, 8, 0, 0, 0));
        assertEquals(-1, f.pc(), "the engine fills in the call's pc");
        assertThrows(BpfFault.class, () -> binprmSetInterp(inv, 0x1000, 8, 0, 0, 0));
        assertFalse(inv.hasInterpreter());
    }

    @Test
    void beginForgetsTheChoiceOfTheLastRun() {
        Invocation inv = invocation(new byte[256]);
        binprmSetInterp(inv, onStack(inv, 0, QEMU), QEMU.length, 0, 0, 0);
        inv.begin(HelperTestSupport.program(org.binfmtbpf.program.ProgramType.SOCKET_FILTER), new byte[256]);
        assertFalse(inv.hasInterpreter());
    }

    @Test
    void concurrentInvocationsNeverSeeEachOthersChoice() throws Exception {
        int threads = 4;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] done = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                String mine = "/interp/" + t;
                done[t] = pool.submit(() -> {
                    Invocation inv = Invocation.current();
                    barrier.await();
                    for (int i = 0; i < 10_000; i++) {
                        inv.begin(HelperTestSupport.program(org.binfmtbpf.program.ProgramType.SOCKET_FILTER), new byte[256]);
                        byte[] p = mine.getBytes(StandardCharsets.US_ASCII);
                        assertEquals(0, binprmSetInterp(inv, onStack(inv, 64, p), p.length, 0, 0, 0));
                        assertEquals(mine, inv.chosenInterpreter());
                    }
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
