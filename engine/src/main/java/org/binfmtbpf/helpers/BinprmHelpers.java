package org.binfmtbpf.helpers;

import org.binfmtbpf.linux.Errno;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.run.Invocation;

/** Helper 212: bpf_binprm_set_interp, the RFC's way for a 'B' program to choose the interpreter. */
public final class BinprmHelpers {
    private BinprmHelpers() {}

    /** The RFC's proto: ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE; RET_INTEGER. */
    public static final HelperPrototype BINPRM_SET_INTERP = HelperPrototype.of(ReturnKind.INTEGER,
            ArgKind.PTR_TO_MEM_READONLY, ArgKind.CONST_SIZE);

    /**
     * long bpf_binprm_set_interp(const char *path, u32 len): {@code len} 0 or at least
     * PATH_MAX is -EINVAL and leaves any earlier choice alone; otherwise the {@code len} bytes
     * (not NUL-terminated; a NUL inside is copied like any byte, as memcpy does) become this
     * invocation's interpreter, replacing an earlier choice, and the result is 0. The bytes are
     * copied at the call: later stores to the path do not change the choice.
     */
    public static long binprmSetInterp(Invocation inv, long path, long len, long r3, long r4, long r5) {
        long n = HelperArgs.u32(len);
        if (n == 0 || n >= Invocation.PATH_MAX) {
            return Errno.EINVAL.negated();
        }
        Region src = Memory.resolve(inv, path, (int) n, false, -1);
        inv.chooseInterpreter(src.bytes(), Address.offset(path), (int) n);
        return 0;
    }
}
