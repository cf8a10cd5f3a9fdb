package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.testkit.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus programs, loaded from their clang objects, run on every engine ({@link Engines#all()}:
 * the interpreter here, the JIT when the jit module re-runs this class) and compute what their
 * C sources say (the expected values are worked out here in Java from the C).
 */
class CorpusRunTest {
    /** Each test body runs once per engine, on objects it loads itself (maps start fresh). */
    private interface EngineTest {
        void run(Engine engine) throws Exception;
    }

    private static void onEveryEngine(EngineTest test) throws Exception {
        for (Engine engine : Engines.all()) {
            try {
                test.run(engine);
            } catch (AssertionError e) {
                throw new AssertionError("on engine " + engine.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private static long run(Engine engine, Program p, byte[] header) {
        return engine.prepare(p).run(header);
    }

    private static Program program(LoadedObject obj, String name) {
        return obj.program(name).program();
    }

    @ParameterizedTest
    @CsvSource({
        "2, 1, 183, /usr/bin/qemu-aarch64-static",
        "2, 2, 183, /usr/bin/qemu-aarch64_be-static",
        "1, 1, 40, /usr/bin/qemu-arm-static",
        "1, 2, 8, /usr/bin/qemu-mips-static",
        "2, 1, 8, /usr/bin/qemu-mips64el-static",
        "2, 1, 21, /usr/bin/qemu-ppc64le-static",
        "2, 1, 243, /usr/bin/qemu-riscv64-static",
        "2, 2, 22, /usr/bin/qemu-s390x-static",
        "1, 1, 3, /usr/bin/qemu-i386-static",
    })
    void qemuMatcherChoosesTheInterpreterFromTheHeader(int elfClass, int data, int machine, String interpreter) throws Exception {
        onEveryEngine(engine -> {
            LoadedObject obj = Corpus.load("qemu_matcher.bpf.o");
            for (String name : List.of("qemu_match", "qemu_match_socket")) {
                Executable exe = engine.prepare(program(obj, name));
                Invocation inv = Invocation.current();
                inv.begin(exe.program(), Headers.elf(elfClass, data, machine, 0));
                assertEquals(1, exe.run(inv), name);
                assertEquals(interpreter, inv.chosenInterpreter(), name);
            }
        });
    }

    @Test
    void qemuMatcherLeavesNativeAndNonElfFilesAlone() throws Exception {
        onEveryEngine(engine -> {
            Executable exe = engine.prepare(program(Corpus.load("qemu_matcher.bpf.o"), "qemu_match"));
            for (byte[] header : List.of(Headers.elf(2, 1, Headers.EM_X86_64, 0), Headers.script(), new byte[256])) {
                Invocation inv = Invocation.current();
                inv.begin(exe.program(), header);
                assertEquals(0, exe.run(inv));
                assertFalse(inv.hasInterpreter());
            }
        });
    }

    @Test
    void machineCounterCountsPerMachineInItsHashMap() throws Exception {
        onEveryEngine(engine -> {
            LoadedObject obj = Corpus.load("machine_counter.bpf.o");
            Program binfmt = program(obj, "count_machines");
            Program syscall = program(obj, "count_machines_syscall");
            assertEquals(0, run(engine, binfmt, Headers.elf(2, 1, Headers.EM_AARCH64, 0)));
            assertEquals(0, run(engine, syscall, Headers.elf(2, 1, Headers.EM_AARCH64, 0)));
            assertEquals(0, run(engine, binfmt, Headers.elf(2, 1, Headers.EM_AARCH64, 0)));
            assertEquals(0, run(engine, binfmt, Headers.elf(2, 1, Headers.EM_X86_64, 0)));
            assertEquals(0, run(engine, binfmt, Headers.script()));
            BpfMap machines = obj.map("machines");
            assertEquals(3, le64(machines.lookup(le32(Headers.EM_AARCH64))));
            assertEquals(1, le64(machines.lookup(le32(Headers.EM_X86_64))));
            assertNull(machines.lookup(le32(Headers.EM_RISCV)));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4_arith", "v4_arith_syscall"})
    void cpuV4ArithmeticMatchesC(String name) throws Exception {
        onEveryEngine(engine -> {
            Program p = program(Corpus.load("cpu_v4.bpf.o"), name);
            java.util.Random random = new java.util.Random(4);
            for (int i = 0; i < 200; i++) {
                byte[] h = new byte[256];
                random.nextBytes(h);
                assertEquals(v4Mix(h), (int) run(engine, p, h), "header #" + i);
            }
        });
    }

    /** cpu_v4.bpf.c's mix(), in Java: C's signed division and modulo truncate like Java's. */
    private static int v4Mix(byte[] h) {
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        long pad = h[9];
        long type = b.getShort(16);
        long version = b.getInt(20);
        int entry = b.getInt(24);
        long divisor = (long) (byte) (entry >>> 8) | 1;
        long q = version / divisor;
        long r = type % (pad | 3);
        int swapped = Integer.reverseBytes(entry);
        int half = Short.reverseBytes((short) type) & 0xffff;
        int narrow = (short) (swapped >>> 3);
        return (int) (q * 31 + r * 7 + half + narrow);
    }

    @Test
    void globalDataIsReadAndWrittenThroughItsMaps() throws Exception {
        onEveryEngine(engine -> {
            LoadedObject obj = Corpus.load("global_data.bpf.o");
            Program p = program(obj, "weigh_header");
            // osabi_weight[3] = 19, bonus = 1000, runs = 40 + 1 per run
            assertEquals(19 + 1000 + 41, run(engine, p, Headers.elf(2, 1, Headers.EM_RISCV, 3)));
            assertEquals(101 + 1000 + 42, run(engine, program(obj, "weigh_header_syscall"), Headers.elf(2, 1, Headers.EM_ARM, 0)));
            assertEquals(42, le64(obj.map("global_d.data").lookup(new byte[4])));
            assertEquals(Headers.EM_ARM, le32(obj.map("global_d.bss").lookup(new byte[4]), 0));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"hash_calls", "hash_calls_syscall"})
    void bpfToBpfCallsComputeTheHashOfC(String name) throws Exception {
        onEveryEngine(engine -> {
            Program p = program(Corpus.load("bpf_calls.bpf.o"), name);
            java.util.Random random = new java.util.Random(5);
            for (int i = 0; i < 50; i++) {
                byte[] h = new byte[256];
                random.nextBytes(h);
                byte[] ident = java.util.Arrays.copyOf(h, 16);
                ident[0] = 0;
                int expected = fnv1a(ident, 0, 16) ^ (fnv1a(h, 16, 48) >>> 1);
                assertEquals(expected, (int) run(engine, p, h));
            }
        });
    }

    private static int fnv1a(byte[] bytes, int from, int n) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < n; i++) {
            hash ^= bytes[from + i] & 0xff;
            hash *= 16777619;
        }
        return hash;
    }

    @ParameterizedTest
    @ValueSource(strings = {"count_phdrs", "count_phdrs_syscall"})
    void programHeaderLoopCountsLoadsAndInterp(String name) throws Exception {
        onEveryEngine(engine -> {
            Program p = program(Corpus.load("phdr_loop.bpf.o"), name);
            assertEquals(2 + 16, run(engine, p, Headers.elf64WithProgramHeaders(6, 3, 1, 1)), "PHDR, INTERP, LOAD, LOAD (3 fit)");
            assertEquals(1, run(engine, p, Headers.elf64WithProgramHeaders(1)));
            assertEquals(0, run(engine, p, Headers.elf(1, 1, Headers.EM_ARM, 0)), "ELF32 is not scanned");
            assertEquals(0, run(engine, p, Headers.script()));
        });
    }

    @Test
    void legacyMapCountsPerClass() throws Exception {
        onEveryEngine(engine -> {
            LoadedObject obj = Corpus.load("legacy_maps.bpf.o");
            Program p = program(obj, "count_classes");
            assertEquals(1, run(engine, p, Headers.elf(2, 1, Headers.EM_X86_64, 0)));
            assertEquals(2, run(engine, p, Headers.elf(2, 1, Headers.EM_AARCH64, 0)));
            assertEquals(1, run(engine, program(obj, "count_classes_syscall"), Headers.elf(1, 1, Headers.EM_ARM, 0)));
        });
    }

    @Test
    void tailCallsGoThroughTheDeclaredProgramArray() throws Exception {
        onEveryEngine(engine -> {
            LoadedObject obj = Corpus.load("tail_call.bpf.o");
            for (String name : List.of("dispatch", "dispatch_socket")) {
                Program p = program(obj, name);
                assertEquals(64, run(engine, p, Headers.elf(2, 1, Headers.EM_X86_64, 0)), name);
                assertEquals(32, run(engine, p, Headers.elf(1, 1, Headers.EM_ARM, 0)), name);
                assertEquals(0, run(engine, p, Headers.script()), name + ": index 'i' (105) is past the array: falls through");
            }
        });
    }

    @Test
    void socketIdiomsAgreeOnTheHeader() throws Exception {
        onEveryEngine(engine -> {
            Program p = program(Corpus.load("socket_idioms.bpf.o"), "elf_filter");
            assertEquals(1, run(engine, p, Headers.elf(2, 1, Headers.EM_X86_64, 0)));
            assertEquals(0, run(engine, p, Headers.elf(2, 2, Headers.EM_X86_64, 0)), "big-endian");
            assertEquals(0, run(engine, p, Headers.script()));
        });
    }

    @Test
    void tracePrintkFormatsFromRodataAndMergedStrings() throws Exception {
        onEveryEngine(engine -> {
            Executable exe = engine.prepare(program(Corpus.load("trace_printk.bpf.o"), "trace_header"));
            Invocation inv = Invocation.current();
            List<String> lines = new ArrayList<>();
            inv.begin(exe.program(), Headers.elf(2, 1, Headers.EM_AARCH64, 0));
            inv.trace = lines::add;
            try {
                assertEquals(0, exe.run(inv));
            } finally {
                inv.trace = org.binfmtbpf.run.TraceSink.DISCARD;
            }
            assertEquals(List.of("e_machine 183 class 2", "ident 464c457f"), lines);
        });
    }

    @Test
    void btfKindsViewStoresTheHeaderInBss() throws Exception {
        onEveryEngine(engine -> {
            LoadedObject obj = Corpus.load("btf_kinds.bpf.o");
            assertEquals(Headers.EM_RISCV, run(engine, program(obj, "view_header"), Headers.elf(2, 1, Headers.EM_RISCV, 0)));
            byte[] view = obj.map("btf_kind.bss").lookup(new byte[4]);
            assertEquals(0x464c457f, le32(view, 0));
            assertEquals(Headers.EM_RISCV, le32(view, 16) >>> 16);
            assertEquals(0x1_0000_0000L, ByteBuffer.wrap(view).order(ByteOrder.LITTLE_ENDIAN).getLong(48), "CLASS_WIDE");
        });
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static long le64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }
}
