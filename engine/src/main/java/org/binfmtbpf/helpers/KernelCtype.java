package org.binfmtbpf.helpers;

/**
 * The kernel's character classes (lib/ctype.c), which are Latin-1, not ASCII: 0x80-0x9f are
 * control characters, 0xa0 is a space, 0xa1-0xff print (punctuation, upper or lower case).
 * bpf_trace_printk judges what follows %s and %p with these, so the exact table matters.
 */
final class KernelCtype {
    private KernelCtype() {}

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
    }

    static boolean isPrint(int c) {
        return (c >= 0x20 && c < 0x7f) || c >= 0xa0;
    }

    static boolean isPunct(int c) {
        if (c < 0x80) {
            return c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
        }
        return (c >= 0xa1 && c <= 0xbf) || c == 0xd7 || c == 0xf7;
    }
}
