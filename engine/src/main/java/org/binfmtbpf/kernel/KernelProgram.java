package org.binfmtbpf.kernel;

import com.sun.jna.Memory;

/** A program loaded into the kernel, by fd. Close it when done. */
public final class KernelProgram implements AutoCloseable {
    /** BPF_PROG_TYPE_SOCKET_FILTER. */
    public static final int SOCKET_FILTER = 1;
    /** BPF_PROG_TYPE_SYSCALL. */
    public static final int SYSCALL = 31;
    /** ETH_HLEN: BPF_PROG_TEST_RUN treats a socket filter's data as an Ethernet frame. */
    public static final int ETHERNET_HEADER = 14;

    private final int fd;
    private final String name;
    private final int type;

    KernelProgram(int fd, String name, int type) {
        this.fd = fd;
        this.name = name;
        this.type = type;
    }

    public int fd() { return fd; }
    public int type() { return type; }

    /**
     * BPF_PROG_TEST_RUN once on {@code context} and returns the program's return value (a
     * u32 in the kernel's bpf_attr). A syscall program gets {@code context} as ctx_in with
     * nothing else set (kernel-oracle.md); a socket filter gets it as packet data behind a
     * zeroed 14-byte Ethernet header, so its packet offset 0 is {@code context[0]}.
     */
    public long testRun(byte[] context) {
        BpfAttr attr = new BpfAttr().u32(0, fd);
        Memory in;
        if (type == SYSCALL) {
            in = BpfAttr.copyOf(context);
            attr.u32(40, context.length).pointer(48, in);
        } else {
            byte[] frame = new byte[ETHERNET_HEADER + context.length];
            System.arraycopy(context, 0, frame, ETHERNET_HEADER, context.length);
            in = BpfAttr.copyOf(frame);
            attr.u32(8, frame.length).pointer(16, in).u32(32, 1);
        }
        KernelBpf.call(KernelBpf.PROG_TEST_RUN, attr, "BPF_PROG_TEST_RUN '" + name + "'");
        return attr.u32(4) & 0xffffffffL;
    }

    @Override
    public void close() {
        KernelBpf.close(fd);
    }
}
