package org.binfmtbpf.helpers;

import static org.binfmtbpf.helpers.HelperTestSupport.invocation;
import static org.binfmtbpf.helpers.HelperTestSupport.stack;
import static org.binfmtbpf.helpers.PacketHelpers.skbLoadBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

/** Helper 26 as net/core/filter.c's bpf_skb_load_bytes, the packet being the context. */
class PacketHelpersTest {
    private final byte[] header = new byte[256];
    private final Invocation inv;

    PacketHelpersTest() {
        for (int i = 0; i < header.length; i++) {
            header[i] = (byte) i;
        }
        inv = invocation(header);
    }

    @Test
    void copiesBytesFromTheHeader() {
        assertEquals(0, skbLoadBytes(inv, Invocation.contextAddress(), 250, stack(0), 6, 0));
        assertArrayEquals(Arrays.copyOfRange(header, 250, 256), Arrays.copyOfRange(inv.stack, 0, 6));
    }

    @Test
    void aRangePastTheEndIsEfaultAndZeroFillsTheDestination() {
        Arrays.fill(inv.stack, 0, 8, (byte) 0x55);
        assertEquals(-14, skbLoadBytes(inv, Invocation.contextAddress(), 251, stack(0), 6, 0));
        assertArrayEquals(new byte[6], Arrays.copyOfRange(inv.stack, 0, 6));
        assertEquals(0x55, inv.stack[6], "only len bytes are cleared");
    }

    @Test
    void anOffsetAboveIntMaxIsEfault() {
        assertEquals(-14, skbLoadBytes(inv, 0, 0x80000000L, stack(0), 1, 0));
        assertEquals(-14, skbLoadBytes(inv, 0, 0xffffffffL, stack(0), 4, 0));
    }

    @Test
    void theOffsetIsAU32() {
        assertEquals(0, skbLoadBytes(inv, 0, (1L << 32) | 3, stack(0), 1, 0));
        assertEquals(3, inv.stack[0]);
    }

    @Test
    void aDestinationOutsideWritableMemoryFaults() {
        assertThrows(BpfFault.class, () -> skbLoadBytes(inv, 0, 0, Invocation.contextAddress(), 4, 0),
                "the header context is read-only");
        assertThrows(BpfFault.class, () -> skbLoadBytes(inv, 0, 0, Invocation.stackTop() - 2, 4, 0), "past the stack top");
    }
}
