package org.binfmtbpf.kernel;

import org.binfmtbpf.linux.Errno;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import org.binfmtbpf.isa.Instruction;

/**
 * bpf(2) through JNA: the handful of commands the kernel oracle needs (kernel-oracle.md).
 * x86-64 only (syscall 321). Every method throws {@link KernelBpfException} naming the command
 * and errno when the kernel refuses; check {@link #available()} first to skip cleanly.
 */
public final class KernelBpf {
    private KernelBpf() {}

    /** __NR_bpf on x86-64. */
    static final long SYS_BPF = 321;

    static final int MAP_CREATE = 0;
    static final int MAP_LOOKUP_ELEM = 1;
    static final int MAP_UPDATE_ELEM = 2;
    static final int MAP_DELETE_ELEM = 3;
    static final int MAP_GET_NEXT_KEY = 4;
    static final int PROG_LOAD = 5;
    static final int OBJ_PIN = 6;
    static final int OBJ_GET = 7;
    static final int PROG_TEST_RUN = 10;
    static final int BTF_LOAD = 18;

    /** BPF_F_SLEEPABLE in prog_flags. */
    static final int F_SLEEPABLE = 1 << 4;

    /** Bytes of verifier log we ask for when a load fails. */
    private static final int LOG_SIZE = 1 << 20;

    private static final class Lazy {
        static final LibC LIBC;
        static final String UNAVAILABLE;

        static {
            LibC libc = null;
            String why = null;
            if (!"amd64".equals(System.getProperty("os.arch")) || !System.getProperty("os.name").startsWith("Linux")) {
                why = "bpf(2) is wired for Linux x86-64 only; this is " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
            } else {
                try {
                    libc = LibC.load();
                } catch (Throwable e) {
                    why = "cannot load libc through JNA: " + e;
                }
            }
            if (why == null) {
                why = probe(libc);
            }
            LIBC = libc;
            UNAVAILABLE = why;
        }

        /** Creates and closes a one-element array map: the cheapest command that needs CAP_BPF. */
        private static String probe(LibC libc) {
            BpfAttr attr = new BpfAttr().u32(0, 2).u32(4, 4).u32(8, 4).u32(12, 1);
            try {
                int fd = (int) libc.syscall(SYS_BPF, MAP_CREATE, attr.memory, BpfAttr.SIZE);
                libc.close(fd);
                return null;
            } catch (LastErrorException e) {
                return "bpf(BPF_MAP_CREATE) is refused: " + Errno.name(-e.getErrorCode())
                        + (e.getErrorCode() == 1 ? " (needs root or CAP_BPF)" : "");
            }
        }
    }

    /** True when this process may use bpf(2). */
    public static boolean available() {
        return Lazy.UNAVAILABLE == null;
    }

    /** Why {@link #available()} is false, or null. */
    public static String unavailableReason() {
        return Lazy.UNAVAILABLE;
    }

    /** Runs one command; returns the syscall's non-negative result. */
    static long call(int cmd, BpfAttr attr, String what) {
        if (!available()) {
            throw new IllegalStateException("kernel BPF unavailable: " + Lazy.UNAVAILABLE);
        }
        try {
            return Lazy.LIBC.syscall(SYS_BPF, cmd, attr.memory, BpfAttr.SIZE);
        } catch (LastErrorException e) {
            throw new KernelBpfException(what, e.getErrorCode(), null);
        } finally {
            Reference.reachabilityFence(attr); // and with it every buffer its pointers name
        }
    }

    /** The errno of one command, 0 on success: for map operations whose errnos are answers, not failures. */
    static int errnoOf(int cmd, BpfAttr attr) {
        try {
            Lazy.LIBC.syscall(SYS_BPF, cmd, attr.memory, BpfAttr.SIZE);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        } finally {
            Reference.reachabilityFence(attr);
        }
    }

    static void close(int fd) {
        try {
            Lazy.LIBC.close(fd);
        } catch (LastErrorException ignored) {
            // closing an fd we own can only fail if it is already gone
        }
    }

    /** BPF_MAP_CREATE. */
    public static KernelMap createMap(String name, int type, int keySize, int valueSize, int maxEntries, int flags) {
        BpfAttr attr = new BpfAttr().u32(0, type).u32(4, keySize).u32(8, valueSize).u32(12, maxEntries).u32(16, flags)
                .name(28, kernelName(name));
        int fd = (int) call(MAP_CREATE, attr, "BPF_MAP_CREATE '" + name + "'");
        return new KernelMap(fd, name, keySize, valueSize);
    }

    /**
     * BPF_PROG_LOAD of instruction slots already relocated for the kernel (map fds in place).
     * On refusal, loads again with log level 1 to put the verifier's log in the exception.
     */
    public static KernelProgram loadProgram(String name, int progType, Instruction[] slots, String license) {
        return loadProgram(name, progType, slots, license, new int[] {0});
    }

    /**
     * As {@link #loadProgram(String, int, Instruction[], String)}, for a program whose functions
     * start at {@code functionStarts} (the main program's 0 first): more than one function get
     * their BTF ({@link FunctionBtf}), which the kernel needs before a function may tail-call.
     */
    public static KernelProgram loadProgram(String name, int progType, Instruction[] slots, String license, int[] functionStarts) {
        if (functionStarts.length < 2) {
            return load(name, progType, slots, license, NO_BTF, functionStarts);
        }
        int btf = loadBtf(FunctionBtf.blob(functionStarts.length), name);
        try {
            return load(name, progType, slots, license, btf, functionStarts);
        } finally {
            close(btf); // a loaded program holds its own reference to the BTF
        }
    }

    /** BPF_BTF_LOAD: an fd for {@code blob}; the caller closes it. */
    private static int loadBtf(byte[] blob, String name) {
        return (int) call(BTF_LOAD, new BpfAttr().pointer(0, BpfAttr.copyOf(blob)).u32(16, blob.length), "BPF_BTF_LOAD for '" + name + "'");
    }

    private static final int NO_BTF = -1;

    /** BPF_PROG_LOAD, with the functions' BTF and func_info when {@code btf} is an fd. */
    private static KernelProgram load(String name, int progType, Instruction[] slots, String license, int btf, int[] functionStarts) {
        Memory insns = new Memory((long) slots.length * 8);
        for (int i = 0; i < slots.length; i++) {
            insns.setLong(8L * i, slots[i].encodeSlot());
        }
        Memory lic = BpfAttr.copyOf((license + "\0").getBytes(StandardCharsets.US_ASCII));
        BpfAttr attr = new BpfAttr().u32(0, progType).u32(4, slots.length).pointer(8, insns).pointer(16, lic)
                .name(48, kernelName(name));
        if (progType == KernelProgram.SYSCALL) {
            attr.u32(44, F_SLEEPABLE);   // "Syscall programs can only be sleepable"
        }
        if (btf != NO_BTF) {
            attr.u32(72, btf).u32(76, FunctionBtf.FUNC_INFO_SIZE).pointer(80, BpfAttr.copyOf(FunctionBtf.funcInfo(functionStarts)))
                    .u32(88, functionStarts.length);
        }
        try {
            return new KernelProgram((int) call(PROG_LOAD, attr, "BPF_PROG_LOAD '" + name + "'"), name, progType);
        } catch (KernelBpfException refused) {
            Memory log = new Memory(LOG_SIZE);
            log.clear();
            attr.u32(24, 1).u32(28, LOG_SIZE).pointer(32, log);
            int errno = errnoOf(PROG_LOAD, attr);
            String text = log.getString(0, StandardCharsets.US_ASCII.name());
            throw new KernelBpfException("BPF_PROG_LOAD '" + name + "'", errno == 0 ? refused.errno() : errno, text);
        }
    }

    /** BPF_OBJ_GET: an fd for a pinned program or map. The caller closes it. */
    public static int objGet(String path) {
        Memory p = BpfAttr.copyOf((path + "\0").getBytes(StandardCharsets.UTF_8));
        return (int) call(OBJ_GET, new BpfAttr().pointer(0, p), "BPF_OBJ_GET " + path);
    }

    /** BPF_OBJ_PIN: pins {@code fd} at {@code path} on a bpffs. The caller removes the pin. */
    public static void objPin(int fd, String path) {
        Memory p = BpfAttr.copyOf((path + "\0").getBytes(StandardCharsets.UTF_8));
        call(OBJ_PIN, new BpfAttr().pointer(0, p).u32(8, fd), "BPF_OBJ_PIN " + path);
    }

    /** The kernel's map and program names: at most 15 characters of [A-Za-z0-9_.]. */
    static String kernelName(String name) {
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (s.length() == 15) {
                break;
            }
            s.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
        }
        return s.toString();
    }
}
