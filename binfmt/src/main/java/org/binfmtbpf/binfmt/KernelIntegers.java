package org.binfmtbpf.binfmt;

/** The kernel's kstrtoint(s, 10): what the offset field accepts. */
final class KernelIntegers {
    private KernelIntegers() {}

    /**
     * Parses like kstrtoint base 10: an optional {@code -} or {@code +}, at least one decimal
     * digit (leading zeros allowed), an optional trailing newline, nothing else; the value
     * must fit in an int ({@code -0} is 0). Returns null where the kernel returns an error.
     */
    static Integer parseInt(String s) {
        boolean negative = false;
        int i = 0;
        if (s.startsWith("-")) {
            negative = true;
            i = 1;
        } else if (s.startsWith("+")) {
            i = 1;
        }
        long value = 0;
        int digits = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            value = value * 10 + (s.charAt(i) - '0');
            if (value > 1L << 32) {
                return null; // out of range long before it could come back into int range
            }
            i++;
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        if (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        if (i != s.length()) {
            return null;
        }
        long signed = negative ? -value : value;
        return signed == (int) signed ? (int) signed : null;
    }
}
