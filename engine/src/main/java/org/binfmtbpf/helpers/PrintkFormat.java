package org.binfmtbpf.helpers;

import org.binfmtbpf.linux.Errno;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;

import static org.binfmtbpf.helpers.KernelCtype.isPrint;
import static org.binfmtbpf.helpers.KernelCtype.isPunct;
import static org.binfmtbpf.helpers.KernelCtype.isSpace;

/**
 * The format language of bpf_trace_printk, as kernel/bpf/helpers.c (bpf_bprintf_prepare)
 * accepts it and lib/vsprintf.c prints it:
 * <ul>
 *   <li>the format must hold a NUL within its size; before it no ASCII control character other
 *       than whitespace (bytes from 0x80 pass, so UTF-8 text does);</li>
 *   <li>at most 3 conversions; {@code %%} is a literal percent;</li>
 *   <li>optional flags {@code 0 + - space} and a width, no precision;</li>
 *   <li>what may follow {@code %s} and {@code %p} is judged with the kernel's Latin-1
 *       {@link KernelCtype} (0xbf is punctuation, 0xe9 a letter);</li>
 *   <li>{@code %d %i %u %x %X} with {@code l} or {@code ll} (both 64-bit on x86-64; none: 32-bit),
 *       {@code %c}, {@code %s} (followed by NUL, space or punctuation), {@code %p %pK %px %ps %pS %pB},
 *       {@code %pks %pus}, {@code %pi4 %pI4 %pi6 %pI6};</li>
 *   <li>anything else is -EINVAL and prints nothing.</li>
 * </ul>
 * Strings and IP addresses are read from program memory; an unreadable one prints as empty
 * (the kernel's nofault copy), an address as zeros. Pointers print as 16 hex digits of the
 * register value: the kernel hashes plain {@code %p}, which no userspace model can reproduce,
 * but the length (what the helper returns) is the same.
 */
final class PrintkFormat {
    private PrintkFormat() {}

    /** MAX_TRACE_PRINTK_VARARGS. */
    static final int MAX_ARGS = 3;
    /** MAX_BPRINTF_BUF: the kernel prints at most this many bytes including the NUL. */
    static final int MAX_OUTPUT = 1024;
    /** Bytes of a %s string the kernel can stage (MAX_BPRINTF_BIN_ARGS, less its NUL). */
    static final int MAX_STRING = 511;

    /**
     * Formats {@code size} bytes of format at {@code fmt[offset..]} with {@code args} into
     * {@code out}; returns the length of the full output (vsnprintf's count) or -EINVAL.
     */
    static long format(Invocation inv, byte[] fmt, int offset, int size, long[] args, StringBuilder out) {
        int end = -1;
        for (int i = offset; i < offset + size; i++) {
            if (fmt[i] == 0) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return Errno.EINVAL.negated();
        }
        int spec = 0;
        for (int i = offset; i < end; i++) {
            int c = fmt[i] & 0xff;
            if (c < 0x80 && !isPrint(c) && !isSpace(c)) {
                return Errno.EINVAL.negated();
            }
            if (c != '%') {
                out.append((char) c);
                continue;
            }
            if (at(fmt, i + 1, end) == '%') {
                out.append('%');
                i++;
                continue;
            }
            if (spec >= MAX_ARGS) {
                return Errno.EINVAL.negated();
            }
            long arg = args[spec++];
            i++;
            int flagsStart = i;
            while ("0+- ".indexOf(at(fmt, i, end)) >= 0 && at(fmt, i, end) != 0) {
                i++;
            }
            String flags = new String(fmt, flagsStart, i - flagsStart, java.nio.charset.StandardCharsets.US_ASCII);
            int width = 0;
            if (at(fmt, i, end) >= '1' && at(fmt, i, end) <= '9') {
                while (at(fmt, i, end) >= '0' && at(fmt, i, end) <= '9') {
                    width = width * 10 + (at(fmt, i, end) - '0');
                    i++;
                }
            }
            int conv = at(fmt, i, end);
            int next = at(fmt, i + 1, end);
            if (conv == 'p') {
                if (next == 0 || isSpace(next) || isPunct(next) || "KxsSB".indexOf(next) >= 0) {
                    pad(out, pointer(arg, next), flags, width, false);
                    if (next != 0 && !isSpace(next) && !isPunct(next)) {
                        i++;
                    }
                } else if ((next == 'k' || next == 'u') && at(fmt, i + 2, end) == 's') {
                    pad(out, string(inv, arg), flags, width, false);
                    i += 2;
                } else if ((next == 'i' || next == 'I') && (at(fmt, i + 2, end) == '4' || at(fmt, i + 2, end) == '6')) {
                    pad(out, ip(inv, arg, next == 'I', at(fmt, i + 2, end) == '4'), flags, width, false);
                    i += 2;
                } else {
                    return Errno.EINVAL.negated();
                }
            } else if (conv == 's') {
                if (next != 0 && !isSpace(next) && !isPunct(next)) {
                    return Errno.EINVAL.negated();
                }
                pad(out, string(inv, arg), flags, width, false);
            } else if (conv == 'c') {
                pad(out, String.valueOf((char) (arg & 0xff)), flags, width, false);
            } else {
                boolean wide = false;
                if (conv == 'l') {
                    wide = true;
                    conv = at(fmt, ++i, end);
                    if (conv == 'l') {
                        conv = at(fmt, ++i, end);
                    }
                }
                if (!wide) {
                    arg = conv == 'd' || conv == 'i' ? (int) arg : arg & 0xffffffffL;
                }
                switch (conv) {
                    case 'd', 'i' -> pad(out, signed(arg, flags), flags, width, true);
                    case 'u' -> pad(out, Long.toUnsignedString(arg), flags, width, true);
                    case 'x' -> pad(out, Long.toHexString(arg), flags, width, true);
                    case 'X' -> pad(out, Long.toHexString(arg).toUpperCase(), flags, width, true);
                    default -> {
                        return Errno.EINVAL.negated();
                    }
                }
            }
        }
        int length = out.length();
        if (length > MAX_OUTPUT - 1) {
            out.setLength(MAX_OUTPUT - 1);
        }
        return length;
    }

    /** The byte at {@code i}, or 0 at and past the terminating NUL. */
    private static int at(byte[] fmt, int i, int end) {
        return i < end ? fmt[i] & 0xff : 0;
    }

    private static String signed(long v, String flags) {
        String s = Long.toString(v);
        if (v >= 0 && flags.indexOf('+') >= 0) {
            return "+" + s;
        }
        if (v >= 0 && flags.indexOf(' ') >= 0) {
            return " " + s;
        }
        return s;
    }

    /** Width padding as vsnprintf does it: '-' pads right, '0' pads numbers with zeros after the sign. */
    private static void pad(StringBuilder out, String body, String flags, int width, boolean number) {
        int fill = width - body.length();
        if (fill <= 0) {
            out.append(body);
        } else if (flags.indexOf('-') >= 0) {
            out.append(body).append(" ".repeat(fill));
        } else if (number && flags.indexOf('0') >= 0) {
            int sign = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
            out.append(body, 0, sign).append("0".repeat(fill)).append(body, sign, body.length());
        } else {
            out.append(" ".repeat(fill)).append(body);
        }
    }

    /**
     * lib/vsprintf.c's pointer(): %ps %pS %pB name a kernel symbol, and with none to name
     * (always, here) print "0x" and the hex value; the rest print 16 hex digits (the kernel
     * hashes plain %p, except NULL: same width, different digits).
     */
    private static String pointer(long v, int kind) {
        if (kind == 's' || kind == 'S' || kind == 'B') {
            return "0x" + Long.toHexString(v);
        }
        return hex16(v);
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    /** A NUL-terminated string from program memory; empty when its first bytes cannot be read. */
    private static String string(Invocation inv, long address) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < MAX_STRING; i++) {
            int b;
            try {
                Region r = Memory.resolve(inv, address + i, 1, false, -1);
                b = r.bytes()[Address.offset(address + i)] & 0xff;
            } catch (BpfFault unreadable) {
                return "";
            }
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }

    /** %pI4 1.2.3.4, %pi4 001.002.003.004, %pI6 8 colon-separated groups, %pi6 32 hex digits. */
    private static String ip(Invocation inv, long address, boolean dotted, boolean v4) {
        byte[] raw = new byte[v4 ? 4 : 16];
        try {
            Region r = Memory.resolve(inv, address, raw.length, false, -1);
            System.arraycopy(r.bytes(), Address.offset(address), raw, 0, raw.length);
        } catch (BpfFault unreadable) {
            // the kernel prints an unreadable address as zeros
        }
        StringBuilder s = new StringBuilder();
        if (v4) {
            for (int i = 0; i < 4; i++) {
                s.append(i > 0 ? "." : "").append(dotted ? Integer.toString(raw[i] & 0xff) : String.format("%03d", raw[i] & 0xff));
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                s.append(dotted && i > 0 ? ":" : "").append(String.format("%02x%02x", raw[i] & 0xff, raw[i + 1] & 0xff));
            }
        }
        return s.toString();
    }
}
