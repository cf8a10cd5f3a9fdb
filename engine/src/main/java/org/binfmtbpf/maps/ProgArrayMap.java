package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.binfmtbpf.program.Program;

/**
 * BPF_MAP_TYPE_PROG_ARRAY: the jump table of tail calls (helper 12). In the kernel the values
 * are program fds; here userspace stores {@link Program}s with {@link #set} and programs can
 * only tail-call through the map: program lookups return NULL (the kernel's verifier refuses
 * them), and byte-valued updates are -EOPNOTSUPP since there are no fds to name programs by.
 */
public final class ProgArrayMap extends MapBase {
    private final AtomicReferenceArray<Program> programs;

    ProgArrayMap(MapSpec spec) {
        super(spec);
        this.programs = new AtomicReferenceArray<>(spec.maxEntries());
    }

    /** Stores {@code program} at {@code index} (null empties the slot). */
    public void set(int index, Program program) {
        if (index < 0 || index >= maxEntries()) {
            throw new IndexOutOfBoundsException("prog array '" + name() + "': index " + index + " outside [0, " + maxEntries() + ")");
        }
        programs.set(index, program);
    }

    /** The program at {@code index} (an unsigned u32), or null when out of range or empty: the tail-call target. */
    public Program get(long index) {
        return index >= 0 && index < maxEntries() ? programs.get((int) index) : null;
    }

    @Override
    long find(byte[] key, int keyOffset, boolean fromProgram) {
        return 0;
    }

    @Override
    public byte[] lookup(byte[] key) {
        checkSize("key", key, keySize());
        return null;
    }

    @Override
    public int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags) {
        return Errno.EOPNOTSUPP.negated();
    }

    @Override
    public int delete(byte[] key, int keyOffset) {
        // fd_array_map_delete_elem
        long index = index(key, keyOffset);
        if (index >= maxEntries()) {
            return Errno.E2BIG.negated();
        }
        return programs.getAndSet((int) index, null) != null ? 0 : Errno.ENOENT.negated();
    }

    @Override
    public byte[] nextKey(byte[] key) {
        return arrayNextKey(key);
    }
}
