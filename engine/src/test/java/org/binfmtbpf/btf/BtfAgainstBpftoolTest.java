package org.binfmtbpf.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.ElfFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BTF parser agrees with bpftool ({@code bpftool btf dump file X}) on every type of every
 * corpus object: id, kind, name, size and array length.
 */
class BtfAgainstBpftoolTest {
    private static final Pattern TYPE_LINE = Pattern.compile("^\\[(\\d+)\\] (\\w+) '([^']*)'(.*)$");
    private static final Pattern SIZE = Pattern.compile(" size=(\\d+)");
    private static final Pattern NR_ELEMS = Pattern.compile(" nr_elems=(\\d+)");

    static List<String> objects() {
        return Corpus.objects();
    }

    @ParameterizedTest
    @MethodSource("objects")
    void everyTypeMatchesBpftool(String object) throws Exception {
        String dump = bpftoolDump(object);
        ElfFile elf = ElfFile.parse(Corpus.bytes(object));
        Btf btf = Btf.parse(elf.data(elf.section(".BTF")));
        int seen = 0;
        for (String line : dump.split("\n")) {
            Matcher m = TYPE_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int id = Integer.parseInt(m.group(1));
            BtfType t = btf.type(id);
            assertEquals(m.group(2), t.kind().name(), "kind of type " + id);
            assertEquals(m.group(3).equals("(anon)") ? "" : m.group(3), t.name(), "name of type " + id);
            Matcher size = SIZE.matcher(m.group(4));
            if (size.find() && !(t instanceof BtfType.Var)) {
                assertEquals(Long.parseLong(size.group(1)), sizeField(t), "size of type " + id + ": " + line);
            }
            Matcher elems = NR_ELEMS.matcher(m.group(4));
            if (elems.find()) {
                assertEquals(Long.parseLong(elems.group(1)), ((BtfType.Array) t).elements(), line);
            }
            seen++;
        }
        assertEquals(btf.typeCount() - 1, seen, "bpftool lists every type but void");
        assertTrue(seen > 0);
    }

    private static long sizeField(BtfType t) {
        if (t instanceof BtfType.Int i) {
            return i.size();
        }
        if (t instanceof BtfType.Composite c) {
            return c.size();
        }
        if (t instanceof BtfType.Enum e) {
            return e.size();
        }
        if (t instanceof BtfType.DataSec d) {
            return d.size();
        }
        if (t instanceof BtfType.Float f) {
            return f.size();
        }
        throw new AssertionError("bpftool printed a size for " + t);
    }

    private static String bpftoolDump(String object) throws Exception {
        String bpftool = null;
        for (String candidate : List.of("/usr/sbin/bpftool", "/usr/bin/bpftool", "/sbin/bpftool")) {
            if (new java.io.File(candidate).canExecute()) {
                bpftool = candidate;
            }
        }
        assumeTrue(bpftool != null, "bpftool is not installed: cannot compare the BTF parser with it");
        Process p = new ProcessBuilder(bpftool, "btf", "dump", "file", Corpus.directory().resolve(object).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bpftool timed out");
        }
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
