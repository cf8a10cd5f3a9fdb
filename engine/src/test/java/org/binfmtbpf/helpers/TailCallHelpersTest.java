package org.binfmtbpf.helpers;

import static org.binfmtbpf.helpers.HelperTestSupport.invocation;
import static org.binfmtbpf.helpers.TailCallHelpers.tailCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.maps.ProgArrayMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

/** Helper 12 decides, in the kernel's order, whether a tail call happens; the engine jumps. */
class TailCallHelpersTest {
    private final ProgArrayMap jumps = (ProgArrayMap) BpfMaps.create(new MapSpec("jmp", MapType.PROG_ARRAY, 4, 4, 4, 0, null, false));
    private final long handle = Address.of(jumps.handleId(), 0);
    private final Program target = HelperTestSupport.program(ProgramType.SOCKET_FILTER);
    private final Invocation inv = invocation(new byte[256]);

    @Test
    void aFilledSlotBecomesTheTargetAndCounts() {
        jumps.set(2, target);
        tailCall(inv, Invocation.contextAddress(), handle, 2, 0, 0);
        assertSame(target, inv.tailCallTarget);
        assertEquals(1, inv.tailCalls);
    }

    @Test
    void anIndexPastMaxEntriesFallsThroughWithoutCounting() {
        tailCall(inv, 0, handle, 4, 0, 0);
        tailCall(inv, 0, handle, 0xffffffffL, 0, 0);
        assertNull(inv.tailCallTarget);
        assertEquals(0, inv.tailCalls);
    }

    @Test
    void theIndexIsAU32() {
        jumps.set(1, target);
        tailCall(inv, 0, handle, (7L << 32) | 1, 0, 0);
        assertSame(target, inv.tailCallTarget);
    }

    @Test
    void anEmptySlotFallsThroughButCountsLikeTheKernel() {
        tailCall(inv, 0, handle, 3, 0, 0);
        assertNull(inv.tailCallTarget);
        assertEquals(1, inv.tailCalls);
    }

    @Test
    void after33TailCallsTheNextFallsThrough() {
        jumps.set(0, target);
        for (int i = 0; i < Invocation.MAX_TAIL_CALLS; i++) {
            inv.tailCallTarget = null;
            tailCall(inv, 0, handle, 0, 0, 0);
            assertSame(target, inv.tailCallTarget, "tail call " + (i + 1));
        }
        inv.tailCallTarget = null;
        tailCall(inv, 0, handle, 0, 0, 0);
        assertNull(inv.tailCallTarget);
        assertEquals(33, inv.tailCalls);
    }

    @Test
    void onlyAProgArrayWillDo() {
        BpfMap array = BpfMaps.create(new MapSpec("a", MapType.ARRAY, 4, 4, 4, 0, null, false));
        BpfFault f = assertThrows(BpfFault.class, () -> tailCall(inv, 0, Address.of(array.handleId(), 0), 0, 0, 0));
        assertEquals("tail_call: map 'a' is not a prog array", f.reason());
        array.close();
    }
}
