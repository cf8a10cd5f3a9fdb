package org.binfmtbpf.helpers;

import org.binfmtbpf.linux.Errno;
import java.util.Arrays;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.run.Invocation;

/** Helper 26: bpf_skb_load_bytes, where the packet is the context (the binfmt header). */
public final class PacketHelpers {
    private PacketHelpers() {}

    public static final HelperPrototype SKB_LOAD_BYTES = HelperPrototype.of(ReturnKind.INTEGER,
            ArgKind.PTR_TO_CTX, ArgKind.ANYTHING, ArgKind.PTR_TO_UNINIT_MEM, ArgKind.CONST_SIZE);

    /**
     * long bpf_skb_load_bytes(const void *skb, u32 offset, void *to, u32 len), as
     * net/core/filter.c: copies {@code len} bytes of the packet from {@code offset}; when they
     * are not all inside the packet (or offset exceeds INT_MAX) it zero-fills {@code to} and
     * returns -EFAULT. Under the kernel's BPF_PROG_TEST_RUN a socket filter's packet starts
     * after a 14-byte Ethernet header; here it is the context from byte 0 (kernel-oracle.md).
     */
    public static long skbLoadBytes(Invocation inv, long skb, long offset, long to, long len, long r5) {
        int n = (int) HelperArgs.u32(len);
        Region dst = Memory.resolve(inv, to, n, true, -1);
        int at = Address.offset(to);
        long from = HelperArgs.u32(offset);
        byte[] packet = inv.context.bytes();
        if (from > Integer.MAX_VALUE || from + n > packet.length) {
            Arrays.fill(dst.bytes(), at, at + n, (byte) 0);
            return Errno.EFAULT.negated();
        }
        System.arraycopy(packet, (int) from, dst.bytes(), at, n);
        return 0;
    }
}
