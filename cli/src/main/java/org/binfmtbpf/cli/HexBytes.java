package org.binfmtbpf.cli;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** bpftool's byte syntax for keys and values, and its hex dump layout. */
public final class HexBytes {
    private HexBytes() {}

    /**
     * Parses {@code words} as bpftool's parse_bytes does: each word is one byte, in decimal,
     * {@code 0x}-hex or {@code 0}-octal; after a leading {@code hex}, every word is one byte in
     * plain hex ({@code hex 01 ff}).
     *
     * @param what named in errors, e.g. "key"
     */
    public static byte[] parse(String what, List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int radix = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == 0 && w.equals("hex")) {
                radix = 16;
                continue;
            }
            out.write(oneByte(what, w, radix));
        }
        return out.toByteArray();
    }

    /** Parses exactly {@code size} bytes, or fails naming the count. */
    public static byte[] parse(String what, List<String> words, int size) {
        byte[] bytes = parse(what, words);
        if (bytes.length != size) {
            throw UserError.usage(what + ": expected " + size + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    private static int oneByte(String what, String w, int radix) {
        long v;
        try {
            if (radix == 16) {
                v = Long.parseLong(w, 16);
            } else if (w.startsWith("0x") || w.startsWith("0X")) {
                v = Long.parseLong(w.substring(2), 16);
            } else if (w.length() > 1 && w.startsWith("0")) {
                v = Long.parseLong(w.substring(1), 8);
            } else {
                v = Long.parseLong(w);
            }
        } catch (NumberFormatException e) {
            throw UserError.usage(what + ": '" + w + "' is not a byte (write 0x1f, 31 or 037, or 'hex' then 1f)");
        }
        if (v < 0 || v > 0xff) {
            throw UserError.usage(what + ": " + w + " does not fit in a byte");
        }
        return (int) v;
    }

    /** bpftool's fprint_hex: bytes as {@code %02x}, a double space every 8, a new line every 16. */
    public static String dump(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(i % 16 == 0 ? "\n" : i % 8 == 0 ? "  " : " ");
            }
            appendByte(sb, bytes[i]);
        }
        return sb.toString();
    }

    /** {@code length} bytes from {@code offset} as {@code %02x} words separated by single spaces. */
    public static String spaced(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 3);
        for (int i = offset; i < offset + length; i++) {
            if (i > offset) {
                sb.append(' ');
            }
            appendByte(sb, bytes[i]);
        }
        return sb.toString();
    }

    /** Bytes as plain lowercase hex digits, no separators. */
    public static String plain(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            appendByte(sb, b);
        }
        return sb.toString();
    }

    /** bpftool's JSON form of bytes: {@code ["0x01","0x00"]}. */
    public static List<String> jsonBytes(byte[] bytes) {
        String[] out = new String[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = String.format("0x%02x", bytes[i] & 0xff);
        }
        return List.of(out);
    }

    private static void appendByte(StringBuilder sb, byte b) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
}
