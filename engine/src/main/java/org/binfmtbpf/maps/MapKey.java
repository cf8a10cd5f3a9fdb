package org.binfmtbpf.maps;

import java.util.Arrays;

/**
 * A hash-map key: {@code length} bytes of {@code bytes} from {@code offset}. Stored keys are
 * immutable copies; a {@link Probe} is a reusable, mutable view over program memory so that
 * a lookup from a program allocates nothing. Both kinds compare by content, so either may be
 * passed to {@link java.util.concurrent.ConcurrentHashMap#get}.
 */
class MapKey {
    final byte[] bytes;
    final int offset;
    final int length;
    final int hash;

    private MapKey(byte[] bytes, int offset, int length, int hash) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.hash = hash;
    }

    /** An immutable copy of {@code length} bytes at {@code src[offset..]}. */
    static MapKey copyOf(byte[] src, int offset, int length) {
        byte[] own = Arrays.copyOfRange(src, offset, offset + length);
        return new MapKey(own, 0, length, hash(own, 0, length));
    }

    byte[] toArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    static int hash(byte[] b, int offset, int length) {
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    @Override
    public final int hashCode() {
        return hash;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof MapKey k && k.hash == hash
                && Arrays.equals(bytes, offset, offset + length, k.bytes, k.offset, k.offset + k.length);
    }

    /**
     * A lookup key pointing into caller memory. One per thread (see {@link #forThisThread});
     * valid only until the next {@link #point}. Never stored in a map.
     */
    static final class Probe {
        private static final ThreadLocal<Probe> PER_THREAD = ThreadLocal.withInitial(Probe::new);

        byte[] bytes;
        int offset;
        int length;
        int hash;

        static Probe forThisThread() {
            return PER_THREAD.get();
        }

        Probe point(byte[] b, int off, int len) {
            bytes = b;
            offset = off;
            length = len;
            hash = hash(b, off, len);
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MapKey k && k.hash == hash
                    && Arrays.equals(bytes, offset, offset + length, k.bytes, k.offset, k.offset + k.length);
        }
    }
}
