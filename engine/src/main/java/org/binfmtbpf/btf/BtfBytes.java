package org.binfmtbpf.btf;

/**
 * Bounds-checked little-endian reads over one BTF section. Every read outside the section
 * is a {@link BtfFormatException} naming the offset, never an array index exception.
 */
final class BtfBytes {
    private final byte[] bytes;

    BtfBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    int length() {
        return bytes.length;
    }

    private void check(long pos, int size, String what) {
        if (pos < 0 || pos > bytes.length - (long) size) {
            throw new BtfFormatException(pos, what + " (" + size + " bytes) runs past the end of the section ("
                    + bytes.length + " bytes)");
        }
    }

    int u8(long pos, String what) {
        check(pos, 1, what);
        return bytes[(int) pos] & 0xff;
    }

    int u16(long pos, String what) {
        check(pos, 2, what);
        int p = (int) pos;
        return (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8;
    }

    int s32(long pos, String what) {
        check(pos, 4, what);
        int p = (int) pos;
        return (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16 | bytes[p + 3] << 24;
    }

    long u32(long pos, String what) {
        return s32(pos, what) & 0xffffffffL;
    }

    /** The NUL-terminated string at {@code pos}; the NUL must lie inside {@code [pos, end)}. */
    String cString(long pos, long end, String what) {
        if (pos < 0 || pos >= end || end > bytes.length) {
            throw new BtfFormatException(pos, what + " string offset out of range");
        }
        int p = (int) pos;
        int e = p;
        while (e < end && bytes[e] != 0) {
            e++;
        }
        if (e == end) {
            throw new BtfFormatException(pos, what + " string is not NUL-terminated");
        }
        return new String(bytes, p, e - p, java.nio.charset.StandardCharsets.UTF_8);
    }
}
