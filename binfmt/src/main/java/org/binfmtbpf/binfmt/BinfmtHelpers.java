package org.binfmtbpf.binfmt;

import java.util.Arrays;
import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.ReturnKind;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.run.Invocation;

/**
 * Helpers of this project's own BINFMT program type, beyond the RFC: the RFC's program sees
 * only the header, so it cannot compute an interpreter relative to the binary ($ORIGIN).
 *
 * <p>{@code long binprm_get_path(char *buf, u32 size, u32 offset)}, helper id
 * {@value #BINPRM_GET_PATH}: copies the path of the binary as exec'd (the string 'E' entries
 * match on), from byte {@code offset} on, into {@code buf}: at most {@code size - 1} bytes and
 * a NUL, and zeroes the rest of {@code buf} (as bpf_get_current_comm pads its buffer: the
 * verifier counts all {@code size} bytes as written, so all of them must be). Returns the size the rest of the path needs with its NUL ({@code strlen(path) -
 * offset + 1}), like snprintf: a result above {@code size} means the copy was cut short, and a
 * second call with a larger offset reads further, so a 512-byte stack can still examine a
 * 4096-byte path. An offset past the end is -EINVAL and outside an exec (no path) the result
 * is -ENOENT; {@code buf} is then zeroed. The id is far above the kernel's frozen helper list
 * (212 is the RFC's) yet small, since registries index helpers by id.
 */
public final class BinfmtHelpers {
    public static final int BINPRM_GET_PATH = 1000;
    private static final long ENOENT = 2;
    private static final long EINVAL = 22;

    private BinfmtHelpers() {}

    public static final HelperPrototype BINPRM_GET_PATH_PROTO =
            HelperPrototype.of(ReturnKind.INTEGER, ArgKind.PTR_TO_UNINIT_MEM, ArgKind.CONST_SIZE, ArgKind.ANYTHING);

    private static final HelperRegistry STANDARD = StandardHelpers.registry();
    private static final HelperRegistry BINFMT = STANDARD.toBuilder()
            .add(Helper.ofStatic(BINPRM_GET_PATH, "binprm_get_path", BINPRM_GET_PATH_PROTO, BinfmtHelpers.class,
                    "binprmGetPath"))
            .build();

    /** What SOCKET_FILTER (the RFC's type) and other programs may call: the standard helpers, 212 included. */
    public static HelperRegistry standardRegistry() {
        return STANDARD;
    }

    /** The standard helpers plus binprm_get_path. */
    public static HelperRegistry binfmtRegistry() {
        return BINFMT;
    }

    public static long binprmGetPath(Invocation inv, long buf, long size, long offset, long r4, long r5) {
        int n = (int) Math.min(size & 0xffffffffL, Integer.MAX_VALUE);
        Region dst = Memory.resolve(inv, buf, n, true, -1);
        int at = Address.offset(buf);
        byte[] path = inv.binaryPathBytes();
        long from = offset & 0xffffffffL;
        if (path == null || from > path.length) {
            Arrays.fill(dst.bytes(), at, at + n, (byte) 0);
            return path == null ? -ENOENT : -EINVAL;
        }
        int rest = path.length - (int) from;
        if (n > 0) {
            int copied = Math.min(rest, n - 1);
            System.arraycopy(path, (int) from, dst.bytes(), at, copied);
            Arrays.fill(dst.bytes(), at + copied, at + n, (byte) 0);
        }
        return rest + 1L;
    }
}
