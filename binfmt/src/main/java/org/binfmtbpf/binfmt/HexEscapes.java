package org.binfmtbpf.binfmt;

import java.io.ByteArrayOutputStream;

/**
 * The {@code \xHH} escapes of the magic and mask fields. The kernel handles them in two
 * passes that do not agree on where an escape starts, and this class keeps both:
 * <ol>
 *   <li>{@link #scanField}: finds the end of the field. Every {@code \x} must be followed
 *       by two hex digits, wherever it stands (so {@code \\xZZ} is refused);</li>
 *   <li>{@link #unescape}: decodes the field as a C string (it stops at a raw NUL byte).
 *       A backslash followed by anything but {@code x} and a hex digit is copied together
 *       with the next byte, so {@code \\x41} decodes to the five bytes {@code \ \ x 4 1}.</li>
 * </ol>
 */
final class HexEscapes {
    private HexEscapes() {}

    /** Result of {@link #scanField}: the index after the field's delimiter, or {@link #BAD_ESCAPE}. */
    static final int BAD_ESCAPE = -1;

    /**
     * Scans the field starting at {@code from} up to the next delimiter, checks its escapes,
     * replaces that delimiter with NUL and returns the index after it; {@link #BAD_ESCAPE}
     * when a {@code \x} lacks two hex digits.
     */
    static int scanField(RegisterBuffer buf, int from) {
        int s = from;
        while (true) {
            if (s >= buf.limit()) {
                return BAD_ESCAPE; // ran off the kernel's allocation: garbage there, never a valid field
            }
            int c = buf.at(s++);
            if (c == buf.delimiter()) {
                break;
            }
            if (c == '\\' && buf.at(s) == 'x') {
                s++;
                if (!isHexDigit(buf.at(s++)) || !isHexDigit(buf.at(s++))) {
                    return BAD_ESCAPE;
                }
            }
        }
        buf.terminate(s - 1);
        return s;
    }

    /** Decodes the C string at {@code from} the way string_unescape(UNESCAPE_HEX) does. */
    static byte[] unescape(RegisterBuffer buf, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = from;
        while (buf.at(i) != 0) {
            if (buf.at(i) == '\\' && buf.at(i + 1) != 0) {
                i++;
                if (buf.at(i) == 'x' && isHexDigit(buf.at(i + 1))) {
                    int value = hexValue(buf.at(i + 1));
                    i += 2;
                    if (isHexDigit(buf.at(i))) {
                        value = value << 4 | hexValue(buf.at(i));
                        i++;
                    }
                    out.write(value);
                    continue;
                }
                out.write('\\');
            }
            out.write(buf.at(i++));
        }
        return out.toByteArray();
    }

    static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
