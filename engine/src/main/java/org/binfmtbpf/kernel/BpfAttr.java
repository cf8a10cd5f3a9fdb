package org.binfmtbpf.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A zeroed {@code union bpf_attr} being filled in for one bpf(2) command. The kernel refuses
 * non-zero bytes past the fields a command uses, so every attr starts zeroed and only the
 * command's fields are set, at their uapi/linux/bpf.h offsets.
 */
final class BpfAttr {
    /** Larger than every command's struct that we use (BPF_PROG_LOAD's is the longest, ~150 bytes). */
    static final int SIZE = 160;

    final Memory memory = new Memory(SIZE);
    /**
     * The native buffers the pointer fields point at. The attr holds them so they live as long
     * as it does: the fields keep only their addresses, and JNA frees a {@code Memory} once it
     * is unreachable, so without this a collection during the call let the kernel read freed
     * memory (a million-case fuzz campaign saw "unknown opcode", E2BIG and empty map reads that
     * did not reproduce). {@code KernelBpf} keeps the attr reachable until bpf(2) returns.
     */
    private final List<Pointer> referenced = new ArrayList<>(4);

    BpfAttr() {
        memory.clear();
    }

    BpfAttr u32(int offset, long value) {
        memory.setInt(offset, (int) value);
        return this;
    }

    BpfAttr u64(int offset, long value) {
        memory.setLong(offset, value);
        return this;
    }

    /** A pointer field (__aligned_u64). */
    BpfAttr pointer(int offset, Pointer p) {
        memory.setLong(offset, p == null ? 0 : Pointer.nativeValue(p));
        if (p != null) {
            referenced.add(p);
        }
        return this;
    }

    /** A fixed char[16] name field (BPF_OBJ_NAME_LEN), NUL-padded. */
    BpfAttr name(int offset, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        memory.write(offset, b, 0, Math.min(b.length, 15));
        return this;
    }

    int u32(int offset) {
        return memory.getInt(offset);
    }

    /** Native memory holding a copy of {@code bytes} (at least one byte, so the pointer is never null). */
    static Memory copyOf(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.clear();
        m.write(0, bytes, 0, bytes.length);
        return m;
    }
}
