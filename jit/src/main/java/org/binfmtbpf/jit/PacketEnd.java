package org.binfmtbpf.jit;

/**
 * Ends a run with r0 = 0 when LD_ABS / LD_IND read outside the packet (the kernel's rule).
 * One shared instance without a stack trace ({@link JitRuntime#PACKET_END}); the compiled
 * {@code run} method catches it.
 */
final class PacketEnd extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PacketEnd() {
        super("packet load out of bounds", null, false, false);
    }
}
