package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;

/**
 * A BPF map as programs and userspace see it. Each map is registered in
 * {@link org.binfmtbpf.mem.RegionTable} so that its handle is an ordinary register value
 * (what LD_IMM64 with a map pseudo source loads), and its values are regions that
 * {@code map_lookup_elem} returns pointers into.
 *
 * <p>Two views with the kernel's semantics and errnos:
 * <ul>
 *   <li>the program's view (helpers 1-3): keys and values are read in place from program
 *       memory ({@code byte[]} + offset), lookups return the address of the value itself;</li>
 *   <li>userspace's view (the CLI, tests, the kernel runner): whole {@code byte[]} keys and
 *       values, lookups return a copy, like the bpf(2) commands.</li>
 * </ul>
 * All operations are thread-safe: programs on many threads and userspace may use a map at once.
 */
public interface BpfMap extends AutoCloseable {
    String name();

    MapType type();

    int keySize();

    int valueSize();

    int maxEntries();

    int flags();

    /** True when programs may only read the map (BPF_F_RDONLY_PROG, .rodata): no stores, no update or delete helpers. */
    default boolean readOnlyForProgram() {
        return (flags() & MapSpec.F_RDONLY_PROG) != 0;
    }

    /** The region id of the map handle; {@code Address.of(handleId(), 0)} is what programs hold. */
    int handleId();

    // ---- The program's view ----

    /**
     * map_lookup_elem: the address of the value stored under the {@link #keySize()} bytes at
     * {@code key[keyOffset..]}, or 0 (NULL) when there is none.
     */
    long lookupAddress(byte[] key, int keyOffset);

    /** map_update_elem: 0 or a negative errno (see {@link UpdateFlags} for the flags). */
    int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags);

    /** map_delete_elem: 0 or a negative errno. */
    int delete(byte[] key, int keyOffset);

    // ---- Userspace's view (bpf(2) BPF_MAP_*_ELEM) ----

    /** BPF_MAP_LOOKUP_ELEM: a copy of the value, or null when the key has none. */
    byte[] lookup(byte[] key);

    /**
     * BPF_MAP_UPDATE_ELEM: 0 or a negative errno. The syscall refuses BPF_F_LOCK on a value
     * without a spin lock (-EINVAL) before the map sees the call.
     */
    default int update(byte[] key, byte[] value, long flags) {
        checkSize("key", key, keySize());
        checkSize("value", value, valueSize());
        if (UpdateFlags.lock(flags)) {
            return Errno.EINVAL.negated();
        }
        return update(key, 0, value, 0, flags);
    }

    /** BPF_MAP_DELETE_ELEM: 0 or a negative errno. */
    default int delete(byte[] key) {
        checkSize("key", key, keySize());
        return delete(key, 0);
    }

    /**
     * BPF_MAP_GET_NEXT_KEY: the key after {@code key} in the map's iteration order, the first
     * key when {@code key} is null (or, as the kernel does, when it is not in the map), and
     * null after the last key (the kernel's -ENOENT).
     */
    byte[] nextKey(byte[] key);

    /** Forgets the map and its values: later accesses through their addresses fault. */
    @Override
    void close();

    /** Userspace keys and values must have exactly the declared size (bpf(2) copies exactly that many bytes). */
    default void checkSize(String what, byte[] bytes, int expected) {
        if (bytes == null || bytes.length != expected) {
            throw new IllegalArgumentException("map '" + name() + "': " + what + " is "
                    + (bytes == null ? "missing" : bytes.length + " bytes") + ", expected " + expected + " bytes");
        }
    }
}
