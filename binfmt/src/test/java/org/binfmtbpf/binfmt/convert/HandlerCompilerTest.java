package org.binfmtbpf.binfmt.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.Engines;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.ExecOutcome;
import org.binfmtbpf.binfmt.ExecRequest;
import org.binfmtbpf.binfmt.FaultListener;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.MagicEntry;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.ProgramLoader;
import org.binfmtbpf.binfmt.RegistrationCorpus;
import org.binfmtbpf.binfmt.fuzz.RegistrationLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'B' is a superset of 'M' and 'E': every one of the 29 qemu registrations, converted to a
 * program, decides exactly as the original on random headers, on headers built to match
 * (random don't-care bits), on near misses (one significant bit flipped) and on real ELF
 * headers, and yields the same interpreter and argv.
 */
class HandlerCompilerTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void needsAnEngine() {
        assumeTrue(!Engines.available().isEmpty(), "no eBPF engine (interp or jit) on the class path: 'B' programs cannot run");
    }

    /** The same entries, as registered and as converted programs, in the same order. */
    private record Pair(BinfmtMisc original, BinfmtMisc converted) {}

    private static Pair pair(List<byte[]> lines) {
        BinfmtMisc original = BinfmtMisc.stockLinux(path -> null);
        PinStore pins = new PinStore();
        BinfmtMisc converted = new BinfmtMisc(pins, path -> null, FaultListener.LOG);
        ProgramLoader loader = ProgramLoader.withPreferredEngine();
        for (byte[] line : lines) {
            Entry entry = original.register(line);
            String pin = "/sys/fs/bpf/" + entry.name();
            pins.pin(pin, loader.load(HandlerCompiler.compile(entry)));
            converted.register(HandlerCompiler.registration(entry, pin));
        }
        return new Pair(original, converted);
    }

    private static String describe(ExecOutcome outcome) {
        if (outcome instanceof ExecOutcome.Resolved r) {
            return "resolved " + r.resolution().entry().name() + " " + r.resolution().argv();
        }
        return outcome instanceof ExecOutcome.Refused f ? "refused " + f.errno() : "not recognised";
    }

    @Test
    void theQemuRegistrationsDecideAlikeAsPrograms() throws Exception {
        List<RegistrationLine> qemu = RegistrationCorpus.qemu();
        Pair pair = pair(qemu.stream().map(RegistrationLine::bytes).toList());
        Map<String, byte[]> headers = new LinkedHashMap<>();
        Random random = new Random(29);
        for (int i = 0; i < 500; i++) {
            byte[] h = new byte[256];
            random.nextBytes(h);
            headers.put("random " + i, h);
        }
        for (RegistrationLine line : qemu) {
            MagicEntry m = (MagicEntry) BinfmtMisc.stockLinux(path -> null).register(line.bytes());
            for (int i = 0; i < 20; i++) {
                byte[] h = matching(m, random);
                headers.put(line.label() + " match " + i, h);
                headers.put(line.label() + " near miss " + i, nearMiss(m, h, random));
            }
        }
        headers.putAll(realElfHeaders());

        List<String> disagreements = new ArrayList<>();
        int resolved = 0;
        for (Map.Entry<String, byte[]> h : headers.entrySet()) {
            ExecRequest request = ExecRequest.of("/srv/bin/prog", List.of("prog", "-v", "x"), h.getValue());
            String expected = describe(pair.original().resolve(request));
            String actual = describe(pair.converted().resolve(request));
            resolved += expected.startsWith("resolved") ? 1 : 0;
            if (!expected.equals(actual)) {
                disagreements.add(h.getKey() + ": M " + expected + ", B " + actual);
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(resolved >= 29 * 20, "only " + resolved + " of " + headers.size() + " headers matched an entry");
    }

    @Test
    void extensionEntriesDecideAlikeAsBinfmtPrograms() {
        Pair pair = pair(List.of(Latin1.bytes(":jar:E::jar::/usr/bin/java:"), Latin1.bytes(":gz:E::tar.gz::/bin/tar:P"),
                Latin1.bytes(":py:E::py::/usr/bin/python3:P")));
        List<String> paths = List.of("/x.jar", "./a.b.jar", "x.jar", "/dir.jar/x", "/x.py", "/x.jarx", "/x.JAR", ".jar", "jar",
                "/x.tar.gz", "/x.gz", "/a/b/c/d/e/f/g.py", "/" + "d/".repeat(300) + "long.py", "/x.", "/");
        for (String path : paths) {
            ExecRequest request = ExecRequest.of(path, List.of("argv0", "a"), new byte[0]);
            assertEquals(describe(pair.original().resolve(request)), describe(pair.converted().resolve(request)), path);
        }
    }

    private static byte[] matching(MagicEntry m, Random random) {
        byte[] h = new byte[256];
        random.nextBytes(h);
        byte[] magic = m.magic();
        byte[] mask = m.mask();
        for (int i = 0; i < magic.length; i++) {
            int keep = mask == null ? 0xff : mask[i] & 0xff;
            h[m.offset() + i] = (byte) ((magic[i] & keep) | (h[m.offset() + i] & ~keep));
        }
        return h;
    }

    private static byte[] nearMiss(MagicEntry m, byte[] match, Random random) {
        byte[] h = match.clone();
        byte[] mask = m.mask();
        while (true) {
            int i = random.nextInt(m.magic().length);
            int bit = 1 << random.nextInt(8);
            if (mask == null || (mask[i] & bit) != 0) {
                h[m.offset() + i] ^= (byte) bit;
                return h;
            }
        }
    }

    /**
     * Real headers: this machine's own binaries, and objects clang-19 builds for foreign
     * targets, as they are (relocatable: no qemu entry takes them) and with e_type set to
     * EXEC and DYN as a linker would.
     */
    private static Map<String, byte[]> realElfHeaders() throws IOException, InterruptedException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String host : List.of("/bin/ls", "/bin/sh", "/usr/bin/qemu-aarch64-static", "/usr/bin/env")) {
            Path p = Path.of(host);
            if (Files.isReadable(p)) {
                out.put(host, Arrays.copyOf(Files.readAllBytes(p), 256));
            }
        }
        Path source = tmp.resolve("empty.c");
        Files.writeString(source, "int answer(void) { return 42; }\n");
        int built = 0;
        for (String target : List.of("aarch64-linux-gnu", "aarch64_be-linux-gnu", "arm-linux-gnueabi", "armeb-linux-gnueabi",
                "mips-linux-gnu", "mipsel-linux-gnu", "mips64-linux-gnuabi64", "mips64el-linux-gnuabi64",
                "mips64-linux-gnuabin32", "mips64el-linux-gnuabin32", "powerpc-linux-gnu", "powerpc64-linux-gnu",
                "powerpc64le-linux-gnu", "riscv32-linux-gnu", "riscv64-linux-gnu", "s390x-linux-gnu", "sparc-linux-gnu",
                "sparcv9-linux-gnu", "m68k-linux-gnu", "hexagon-linux-musl", "loongarch64-linux-gnu", "i386-linux-gnu")) {
            Path object = tmp.resolve(target + ".o");
            Process p = new ProcessBuilder("clang-19", "-target", target, "-c", "-o", object.toString(), source.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                continue;
            }
            built++;
            byte[] h = Arrays.copyOf(Files.readAllBytes(object), 256);
            out.put(target + " object", h.clone());
            boolean bigEndian = h[5] == 2;
            for (int type : new int[] {2, 3}) {
                byte[] patched = h.clone();
                patched[bigEndian ? 17 : 16] = (byte) type;
                patched[bigEndian ? 16 : 17] = 0;
                out.put(target + " e_type " + type, patched);
            }
        }
        assumeTrue(built > 0, "clang-19 is needed to build real foreign ELF headers");
        return out;
    }
}
