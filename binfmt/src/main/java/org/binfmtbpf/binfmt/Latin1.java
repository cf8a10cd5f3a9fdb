package org.binfmtbpf.binfmt;

import java.nio.charset.StandardCharsets;

/**
 * The model keeps the kernel's byte strings (names, paths, interpreters) as Latin-1 Java
 * strings: char i is byte i, so nothing is lost or re-encoded. These convert at the edges.
 */
public final class Latin1 {
    private Latin1() {}

    /** The byte string whose bytes are the UTF-8 encoding of {@code text} (a path typed by a user). */
    public static String fromUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The text whose UTF-8 encoding is the byte string {@code bytes} (for display). */
    public static String toUtf8(String bytes) {
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
