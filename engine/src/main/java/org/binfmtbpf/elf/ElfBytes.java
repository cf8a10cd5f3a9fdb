package org.binfmtbpf.elf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounds-checked, little-endian window on the object file: {@code [start, start + length)}
 * of the file, named for error messages. Positions are relative to the window; errors report
 * the absolute file offset.
 */
final class ElfBytes {
    private final byte[] file;
    private final long start;
    private final long length;
    private final String where;

    ElfBytes(byte[] file, long start, long length, String where) {
        this.file = file;
        this.start = start;
        this.length = length;
        this.where = where;
    }

    static ElfBytes of(byte[] file) {
        return new ElfBytes(file, 0, file.length, "ELF header");
    }

    long length() {
        return length;
    }

    String where() {
        return where;
    }

    /** The file offset of window position {@code pos}. */
    long fileOffset(long pos) {
        return start + pos;
    }

    ElfFormatException error(long pos, String problem) {
        return ElfFormatException.at(where, start + pos, problem);
    }

    private int index(long pos, int size, String field) {
        if (pos < 0 || pos > length - size) {
            throw error(Math.max(0, Math.min(pos, length)), field + " (" + size + " bytes) runs past the end (" + length + " bytes)");
        }
        return (int) (start + pos);
    }

    int u8(long pos, String field) {
        return file[index(pos, 1, field)] & 0xff;
    }

    int u16(long pos, String field) {
        int p = index(pos, 2, field);
        return (file[p] & 0xff) | (file[p + 1] & 0xff) << 8;
    }

    int s32(long pos, String field) {
        int p = index(pos, 4, field);
        return (file[p] & 0xff) | (file[p + 1] & 0xff) << 8 | (file[p + 2] & 0xff) << 16 | file[p + 3] << 24;
    }

    long u32(long pos, String field) {
        return s32(pos, field) & 0xffffffffL;
    }

    long u64(long pos, String field) {
        return u32(pos, field) | u32(pos + 4, field) << 32;
    }

    /** A u64 field that must fit an int-sized offset or size in a file held in memory. */
    int u64AsInt(long pos, String field) {
        long v = u64(pos, field);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error(pos, field + " 0x" + Long.toHexString(v) + " out of range");
        }
        return (int) v;
    }

    byte[] copy(long pos, int size, String field) {
        int p = index(pos, size, field);
        return Arrays.copyOfRange(file, p, p + size);
    }

    /** The NUL-terminated string at {@code pos}; its NUL must lie inside the window. */
    String cString(long pos, String field) {
        if (pos < 0 || pos >= length) {
            throw error(Math.max(0, Math.min(pos, length)), field + " string index " + pos + " out of range (" + length + " bytes)");
        }
        int p = (int) (start + pos);
        int end = (int) (start + length);
        int e = p;
        while (e < end && file[e] != 0) {
            e++;
        }
        if (e == end) {
            throw error(pos, field + " string is not NUL-terminated");
        }
        return new String(file, p, e - p, StandardCharsets.UTF_8);
    }
}
