package org.binfmtbpf.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Helpers 8, 14, 15 and 7 report this process and thread. */
class TaskHelpersTest {
    @Test
    void pidTgidHoldsThisProcessAndAThreadOfIt() throws Exception {
        long mine = TaskHelpers.getCurrentPidTgid(null, 0, 0, 0, 0, 0);
        assertEquals(ProcessHandle.current().pid(), mine >>> 32);
        long other = CompletableFuture.supplyAsync(() -> TaskHelpers.getCurrentPidTgid(null, 0, 0, 0, 0, 0)).get();
        assertEquals(mine >>> 32, other >>> 32);
        assertNotEquals((int) mine, (int) other, "threads have their own tid");
        assertEquals(mine, TaskHelpers.getCurrentPidTgid(null, 0, 0, 0, 0, 0), "stable within a thread");
    }

    @Test
    void uidGidAreThisProcesssRealIds() {
        long uidGid = TaskHelpers.getCurrentUidGid(null, 0, 0, 0, 0, 0);
        UnixSystem unix = new UnixSystem();
        assertEquals(unix.getUid(), uidGid & 0xffffffffL);
        assertEquals(unix.getGid(), uidGid >>> 32);
    }

    @Test
    void processorIdIsACpuNumber() {
        long cpu = TaskHelpers.getSmpProcessorId(null, 0, 0, 0, 0, 0);
        assertTrue(cpu >= 0 && cpu < Runtime.getRuntime().availableProcessors());
    }

    @Test
    void prandomIsAU32AndVaries() {
        long seenBits = 0;
        for (int i = 0; i < 64; i++) {
            long r = RandomHelpers.getPrandomU32(null, 0, 0, 0, 0, 0);
            assertEquals(0, r >>> 32);
            seenBits |= r;
        }
        assertTrue(Long.bitCount(seenBits) > 16);
    }

    @Test
    void ktimeIsMonotonic() {
        long a = TimeHelpers.ktimeGetNs(null, 0, 0, 0, 0, 0);
        long b = TimeHelpers.ktimeGetNs(null, 0, 0, 0, 0, 0);
        assertTrue(b >= a);
    }
}
