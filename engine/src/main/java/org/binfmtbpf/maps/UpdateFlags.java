package org.binfmtbpf.maps;

/** The {@code flags} argument of map_update_elem (uapi/linux/bpf.h). */
public final class UpdateFlags {
    private UpdateFlags() {}

    /** Create a new element or update an existing one. */
    public static final long ANY = 0;
    /** Create a new element only if it does not exist. */
    public static final long NOEXIST = 1;
    /** Update an existing element only. */
    public static final long EXIST = 2;
    /** BPF_F_LOCK: update under the value's bpf_spin_lock; our maps have no spin locks, so it is refused. */
    public static final long F_LOCK = 4;

    /**
     * The first check of every kernel update path: {@code (flags & ~BPF_F_LOCK) > BPF_EXIST}
     * (unsigned) is -EINVAL.
     */
    static boolean unknownBits(long flags) {
        return Long.compareUnsigned(flags & ~F_LOCK, EXIST) > 0;
    }

    /** BPF_F_LOCK: -EINVAL on every map here, since none has a value with a bpf_spin_lock. */
    static boolean lock(long flags) {
        return (flags & F_LOCK) != 0;
    }
}
