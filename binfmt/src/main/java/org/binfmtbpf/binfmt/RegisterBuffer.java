package org.binfmtbpf.binfmt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The register string as the kernel's parser sees it: the bytes written, followed by eight
 * copies of the delimiter (the kernel pads its copy so that a missing last delimiter is found
 * in the padding rather than past the end). Fields are C strings: the parser searches for the
 * delimiter with strchr semantics, so a NUL byte ends the search, and it overwrites each
 * delimiter it consumes with NUL. Reads past the padding see NUL (the kernel would read
 * allocator slack; no accepted registration depends on it).
 */
final class RegisterBuffer {
    static final int PADDING = 8;

    private final byte[] bytes;
    private final int count;
    private final int delimiter;

    RegisterBuffer(byte[] written) {
        this.count = written.length;
        this.delimiter = written[0] & 0xff;
        this.bytes = Arrays.copyOf(written, count + PADDING);
        Arrays.fill(bytes, count, count + PADDING, written[0]);
    }

    /** Bytes written, without the padding. */
    int count() { return count; }

    int delimiter() { return delimiter; }

    /** Unsigned byte at {@code i}; NUL past the padding. */
    int at(int i) {
        return i < bytes.length ? bytes[i] & 0xff : 0;
    }

    /** Index one past the padding: scans that reach it have left the kernel's allocation. */
    int limit() { return bytes.length; }

    /** strchr(from, delimiter): the first delimiter at or after {@code from}, or -1 when a NUL comes first. */
    int findDelimiter(int from) {
        for (int i = from; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == delimiter) {
                return i;
            }
            if (c == 0) {
                return -1;
            }
        }
        return -1;
    }

    /** Overwrites the byte at {@code i} with NUL, as the parser does with each consumed delimiter. */
    void terminate(int i) {
        if (i < bytes.length) {
            bytes[i] = 0;
        }
    }

    /** The C string starting at {@code from} (up to the first NUL), one char per byte. */
    String cString(int from) {
        int end = from;
        while (at(end) != 0) {
            end++;
        }
        return new String(bytes, from, Math.min(end, bytes.length) - from, StandardCharsets.ISO_8859_1);
    }
}
