package org.binfmtbpf.kernel;

import org.binfmtbpf.linux.Errno;
import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;

/** A map in the kernel, by fd: the userspace commands with their errnos. Close it when done. */
public final class KernelMap implements AutoCloseable {
    private final int fd;
    private final String name;
    private final int keySize;
    private final int valueSize;

    KernelMap(int fd, String name, int keySize, int valueSize) {
        this.fd = fd;
        this.name = name;
        this.keySize = keySize;
        this.valueSize = valueSize;
    }

    public int fd() { return fd; }
    public String name() { return name; }

    /** BPF_MAP_LOOKUP_ELEM: the value, or null on -ENOENT. */
    public byte[] lookup(byte[] key) {
        Memory k = BpfAttr.copyOf(key);
        Memory v = new Memory(valueSize);
        int errno = KernelBpf.errnoOf(KernelBpf.MAP_LOOKUP_ELEM, new BpfAttr().u32(0, fd).pointer(8, k).pointer(16, v));
        if (errno == Errno.ENOENT.number()) {
            return null;
        }
        check(errno, "BPF_MAP_LOOKUP_ELEM");
        return v.getByteArray(0, valueSize);
    }

    /** BPF_MAP_UPDATE_ELEM: 0 or the negative errno, like {@link org.binfmtbpf.maps.BpfMap#update}. */
    public int update(byte[] key, byte[] value, long flags) {
        Memory k = BpfAttr.copyOf(key);
        Memory v = BpfAttr.copyOf(value);
        return -KernelBpf.errnoOf(KernelBpf.MAP_UPDATE_ELEM, new BpfAttr().u32(0, fd).pointer(8, k).pointer(16, v).u64(24, flags));
    }

    /** BPF_MAP_DELETE_ELEM: 0 or the negative errno. */
    public int delete(byte[] key) {
        Memory k = BpfAttr.copyOf(key);
        return -KernelBpf.errnoOf(KernelBpf.MAP_DELETE_ELEM, new BpfAttr().u32(0, fd).pointer(8, k));
    }

    /** BPF_MAP_GET_NEXT_KEY: the key after {@code key} (null: the first), or null at the end. */
    public byte[] nextKey(byte[] key) {
        Memory k = key == null ? null : BpfAttr.copyOf(key);
        Memory next = new Memory(keySize);
        int errno = KernelBpf.errnoOf(KernelBpf.MAP_GET_NEXT_KEY, new BpfAttr().u32(0, fd).pointer(8, k).pointer(16, next));
        if (errno == Errno.ENOENT.number()) {
            return null;
        }
        check(errno, "BPF_MAP_GET_NEXT_KEY");
        return next.getByteArray(0, keySize);
    }

    /** Every key in the kernel's iteration order. */
    public List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] k = nextKey(null); k != null; k = nextKey(k)) {
            keys.add(k);
        }
        return keys;
    }

    private void check(int errno, String command) {
        if (errno != 0) {
            throw new KernelBpfException(command + " on map '" + name + "'", errno, null);
        }
    }

    @Override
    public void close() {
        KernelBpf.close(fd);
    }
}
