package org.binfmtbpf.helpers;

import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.run.Invocation;

/** Helper 6: bpf_trace_printk, writing to the invocation's {@link org.binfmtbpf.run.TraceSink}. */
public final class TraceHelpers {
    private TraceHelpers() {}

    /**
     * The kernel's bpf_func_proto declares only the format and its size; the three values are
     * ARG_DONTCARE: read but not checked by the verifier, and {@code %s} reads the string a
     * value points to.
     */
    public static final HelperPrototype TRACE_PRINTK = HelperPrototype.of(ReturnKind.INTEGER,
            ArgKind.PTR_TO_MEM_READONLY, ArgKind.CONST_SIZE).readingUncheckedMemory();

    /**
     * long bpf_trace_printk(const char *fmt, u32 fmt_size, ...): the number of bytes printed,
     * or -EINVAL for a format the kernel refuses (see {@link PrintkFormat}). The sink gets
     * the text without one trailing newline: one call, one line.
     */
    public static long tracePrintk(Invocation inv, long fmt, long fmtSize, long a1, long a2, long a3) {
        int size = (int) HelperArgs.u32(fmtSize);
        Region r = Memory.resolve(inv, fmt, size, false, -1);
        StringBuilder out = new StringBuilder();
        long n = PrintkFormat.format(inv, r.bytes(), Address.offset(fmt), size, new long[] {a1, a2, a3}, out);
        if (n >= 0) {
            int len = out.length();
            inv.trace.accept(len > 0 && out.charAt(len - 1) == '\n' ? out.substring(0, len - 1) : out.toString());
        }
        return n;
    }
}
