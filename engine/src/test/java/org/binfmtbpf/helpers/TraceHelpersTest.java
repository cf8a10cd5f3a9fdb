package org.binfmtbpf.helpers;

import static org.binfmtbpf.helpers.HelperTestSupport.invocation;
import static org.binfmtbpf.helpers.HelperTestSupport.onStack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Helper 6 with the kernel's format rules (kernel/bpf/helpers.c, bpf_bprintf_prepare). */
class TraceHelpersTest {
    private final List<String> lines = new ArrayList<>();

    /** Decodes {@code \n}, {@code \t} and {@code \xNN} escapes of the data file. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'n') {
                out.write('\n');
                i++;
            } else if (c == '\\' && s.charAt(i + 1) == 't') {
                out.write('\t');
                i++;
            } else if (c == '\\' && s.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "\"{0}\" -> {2} ({3})")
    @CsvFileSource(resources = "/helpers/trace_printk.csv", delimiter = '|')
    void formatsAsTheKernelDoes(String format, String args, String printed, long result) {
        Invocation inv = invocation(new byte[256]);
        inv.trace = lines::add;
        byte[] fmt = unescape(format + "\\x00");
        long fmtAddress = onStack(inv, 0, fmt);
        long[] a = new long[3];
        String[] words = args.split(" ");
        int stringAt = 256;
        for (int i = 0; i < 3; i++) {
            if (words[i].startsWith("s:")) {           // a pointer to this NUL-terminated string on the stack
                byte[] s = unescape(words[i].substring(2) + "\\x00");
                a[i] = onStack(inv, stringAt, s);
                stringAt += 64;
            } else {
                a[i] = Long.parseUnsignedLong(words[i], 16);
            }
        }
        assertEquals(result, TraceHelpers.tracePrintk(inv, fmtAddress, fmt.length, a[0], a[1], a[2]));
        assertEquals("-".equals(printed) ? List.of() : List.of(new String(unescape(printed), java.nio.charset.StandardCharsets.ISO_8859_1)), lines);
    }

    @Test
    void theFormatMustHoldANulWithinItsSize() {
        Invocation inv = invocation(new byte[256]);
        inv.trace = lines::add;
        long fmt = onStack(inv, 0, "abc".getBytes());
        inv.stack[3] = 'd';
        assertEquals(-22, TraceHelpers.tracePrintk(inv, fmt, 3, 0, 0, 0));
        assertEquals(List.of(), lines);
        assertEquals(4, TraceHelpers.tracePrintk(inv, fmt, 5, 0, 0, 0), "the NUL at index 4 ends \"abcd\"");
        assertEquals(List.of("abcd"), lines);
    }

    @Test
    void anUnreadableStringPrintsAsEmpty() {
        Invocation inv = invocation(new byte[256]);
        inv.trace = lines::add;
        long fmt = onStack(inv, 0, "<%s>\0".getBytes());
        assertEquals(2, TraceHelpers.tracePrintk(inv, fmt, 5, 0x1234, 0, 0));
        assertEquals(List.of("<>"), lines);
    }

    @Test
    void outputStopsAt1023BytesButTheCountIsFull() {
        Invocation inv = invocation(new byte[256]);
        inv.trace = lines::add;
        byte[] wide = "%-600d%-600d\0".getBytes();
        long fmt = onStack(inv, 0, wide);
        assertEquals(1200, TraceHelpers.tracePrintk(inv, fmt, wide.length, 1, 2, 0));
        assertEquals(1023, lines.get(0).length());
    }
}
