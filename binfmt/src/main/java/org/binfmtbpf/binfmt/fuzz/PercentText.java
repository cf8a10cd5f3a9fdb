package org.binfmtbpf.binfmt.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text form of registration bytes in the data files: printable ASCII as itself, {@code %HH}
 * any other byte, {@code %%} a '%'. binfmt_misc's own {@code \xHH} escapes pass through untouched.
 */
public final class PercentText {
    private PercentText() {}

    public static byte[] decode(String line) {
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '%' && i + 1 < utf8.length && utf8[i + 1] == '%') {
                out.write('%');
                i++;
            } else if (utf8[i] == '%' && i + 2 < utf8.length) {
                out.write(Integer.parseInt(new String(utf8, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(utf8[i]);
            }
        }
        return out.toByteArray();
    }

    public static String encode(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length);
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '%') {
                b.append("%%");
            } else if (c > 0x20 && c < 0x7f || c == ' ') {
                b.append((char) c);
            } else {
                b.append(String.format("%%%02x", c));
            }
        }
        return b.toString();
    }
}
