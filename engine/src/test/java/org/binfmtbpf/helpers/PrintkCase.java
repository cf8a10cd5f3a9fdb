package org.binfmtbpf.helpers;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of helpers/trace_printk.csv laid out in a 512-byte stack: the format (with its NUL)
 * at offset 0 and each {@code s:} string argument at 256, 320, 384. Shared by the helper test
 * and the kernel test so both run the very same bytes.
 */
public record PrintkCase(byte[] format, long[] args, List<int[]> strings) {
    public static final int FORMAT_AT = 0;

    /** The row's bytes: {@code args[i]} is a stack offset when {@code strings} has an entry {offset, i}. */
    public static PrintkCase of(String format, String args) {
        byte[] fmt = TraceHelpersTest.unescape(format + "\\x00");
        long[] a = new long[3];
        List<int[]> strings = new ArrayList<>();
        String[] words = args.split(" ");
        int at = 256;
        for (int i = 0; i < 3; i++) {
            if (words[i].startsWith("s:")) {
                strings.add(new int[] {at, i});
                a[i] = at;
                at += 64;
            } else {
                a[i] = Long.parseUnsignedLong(words[i], 16);
            }
        }
        return new PrintkCase(fmt, a, strings);
    }

    /** The bytes of the {@code s:} argument {@code i} of {@code args}. */
    public static byte[] string(String args, int i) {
        return TraceHelpersTest.unescape(args.split(" ")[i].substring(2) + "\\x00");
    }
}
