package org.binfmtbpf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.asm.Assembler;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.kernel.KernelRunner;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapDump;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.maps.ProgArrayMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written programs (src/test/resources/kernel/*.s, llvm syntax) run in the kernel and on
 * each of our engines ({@link Engines#all()}) give the same r0 and leave the same maps. Each stores its intermediate
 * results as u64s in a results map, so all 64 bits are compared, not only the kernel's u32 r0.
 * Map operands are written as names (RESULTS, HASH, ARRAY, PROGS) and relocated here.
 */
class KernelRawProgramAgreementTests {
    private static final Map<String, Long> PLACEHOLDERS =
            Map.of("RESULTS", 0x7e5_0001L, "HASH", 0x7e5_0002L, "ARRAY", 0x7e5_0003L, "PROGS", 0x7e5_0004L);

    private final ArrayMap results = (ArrayMap) BpfMaps.create(new MapSpec("results", MapType.ARRAY, 4, 64, 1, 0, null, false));
    private final BpfMap hash = BpfMaps.create(new MapSpec("hash", MapType.HASH, 4, 8, 2, 0, null, false));
    private final BpfMap array = BpfMaps.create(new MapSpec("array", MapType.ARRAY, 4, 8, 2, 0, null, false));
    private final ProgArrayMap progs = (ProgArrayMap) BpfMaps.create(new MapSpec("progs", MapType.PROG_ARRAY, 4, 4, 4, 0, null, false));

    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    @AfterEach
    void close() {
        List.of(results, hash, array, progs).forEach(BpfMap::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aluCornerCases(Engine engine) throws IOException {
        agree(engine, program("alu", ProgramType.SYSCALL, Map.of()), header());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mapHelperErrnosFromAProgram(Engine engine) throws IOException {
        agree(engine, program("map_errnos", ProgramType.SYSCALL, Map.of()), header());
    }

    /** LD_IMM64 src 5 and 6 name a map by its index in the program's map list; the kernel sees the same program with fds. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mapsNamedByIndex(Engine engine) throws IOException {
        agree(engine, program("map_errnos", ProgramType.SYSCALL, Map.of(), true), header());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void skbLoadBytesInAndOutOfRange(Engine engine) throws IOException {
        agree(engine, program("skb_load_bytes", ProgramType.SOCKET_FILTER, Map.of()), header());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void atomicsOnAMapValue(Engine engine) throws IOException {
        agree(engine, program("atomics", ProgramType.SYSCALL, Map.of()), header());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tailCallsTakenAndFallenThrough(Engine engine) throws IOException {
        agreeOnTailCallsThrough(engine, "tail_call", 1, 2, 9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tailCallsFromACalleeReturnToItsCaller(Engine engine) throws IOException {
        agreeOnTailCallsThrough(engine, "tail_call_from_function", 1, 2);
    }

    /** Runs program {@code name} with INDEX set to each slot; slot 1 holds a program returning 7, the others none. */
    private void agreeOnTailCallsThrough(Engine engine, String name, int... slots) throws IOException {
        Instruction[] seven = Assembler.assemble("r0 = 7\nexit");
        progs.set(1, ProgramBuilder.of("seven", ProgramType.SOCKET_FILTER, seven, StandardHelpers.registry()).build());
        for (int slot : slots) {
            agree(engine, program(name, ProgramType.SOCKET_FILTER, Map.of("INDEX", Integer.toString(slot))), header());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tailCallsStopAfterThirtyThree(Engine engine) throws IOException {
        agreeOnSelfTailCalls(engine, "tail_call_limit");
    }

    /**
     * The kernel runs 34 levels here (r0 = 34): each tail call from the callee nests the program
     * one frame deeper and a main frame lower, and the kernel bounds neither across tail calls
     * (its verifier checks each program alone). Ours count 8 frames and 512 bytes per program
     * from where a tail call started it (Invocation.enterCall), so the chain grows as the
     * kernel's does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void tailCallsFromACalleeStopAfterThirtyThree(Engine engine) throws IOException {
        agreeOnSelfTailCalls(engine, "tail_call_limit_from_function");
    }

    /**
     * A tail call from the run's third frame, below 128 bytes of its callers' stack, to a
     * program that uses all 8 frames (10 in the run) and to one that uses all 512 bytes (more
     * than 640 in the run): the kernel runs both, and so must we.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aTailCalledProgramHasEightFramesAndFiveHundredTwelveBytesOfItsOwn(Engine engine) throws IOException {
        progs.set(1, program("eight_frames", ProgramType.SOCKET_FILTER, Map.of()));
        progs.set(2, program("whole_stack", ProgramType.SOCKET_FILTER, Map.of()));
        for (int slot : new int[] {1, 2}) {
            agree(engine, program("tail_call_from_third_frame", ProgramType.SOCKET_FILTER, Map.of("INDEX", Integer.toString(slot))), header());
        }
    }

    /** A program that tail-calls itself through slot 0 and counts its runs in the results map. */
    private void agreeOnSelfTailCalls(Engine engine, String name) throws IOException {
        Program itself = program(name, ProgramType.SOCKET_FILTER, Map.of());
        progs.set(0, itself);
        agree(engine, itself, header());
    }

    private static byte[] header() {
        byte[] h = new byte[256];
        for (int i = 0; i < h.length; i++) {
            h[i] = (byte) (i * 7 + 1);
        }
        return h;
    }

    static List<Engine> engines() {
        return Engines.all();
    }

    private void agree(Engine engine, Program program, byte[] context) {
        try (KernelRunner kernel = KernelRunner.load(program)) {
            KernelRunner.KernelRun k = kernel.run(context);
            Invocation inv = Invocation.current();
            inv.begin(program, context);
            long r0 = engine.prepare(program).run(inv);
            assertEquals(k.r0(), r0 & 0xffffffffL, engine.name() + ": " + program.name() + ": r0");
            Map<String, MapDump> ours = kernel.ourDumps();
            assertEquals(k.maps(), ours, engine.name() + ": " + program.name() + ": maps");
        }
    }

    private Program program(String name, ProgramType type, Map<String, String> substitutions) throws IOException {
        return program(name, type, substitutions, false);
    }

    /**
     * Assembles resources/kernel/{name}.s with its map names relocated to our maps, referred to
     * by fd (LD_IMM64 src 1, 2) or by index in the program's map list (src 5, 6).
     */
    private Program program(String name, ProgramType type, Map<String, String> substitutions, boolean byIndex) throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/kernel/" + name + ".s")) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        for (Map.Entry<String, Long> p : PLACEHOLDERS.entrySet()) {
            text = text.replace(p.getKey(), "0x" + Long.toHexString(p.getValue()));
        }
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            text = text.replace(s.getKey(), s.getValue());
        }
        Instruction[] slots = Assembler.assemble(text);
        long[] relocated = new long[slots.length];
        List<BpfMap> used = new ArrayList<>();
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = slots[pc];
            if (!insn.isLdImm64()) {
                continue;
            }
            long v = insn.imm64();
            BpfMap map = v == PLACEHOLDERS.get("RESULTS") ? results : v == PLACEHOLDERS.get("HASH") ? hash
                    : v == PLACEHOLDERS.get("ARRAY") ? array : v == PLACEHOLDERS.get("PROGS") ? progs : null;
            if (map == null) {
                continue;
            }
            if (!used.contains(map)) {
                used.add(map);
            }
            boolean value = map == results;
            int src = byIndex ? (value ? Opcodes.PSEUDO_MAP_IDX_VALUE : Opcodes.PSEUDO_MAP_IDX)
                    : (value ? Opcodes.PSEUDO_MAP_VALUE : Opcodes.PSEUDO_MAP_FD);
            slots[pc] = new Instruction(insn.opcode(), insn.dst(), src, insn.off(), byIndex ? used.indexOf(map) : 0, 0);
            slots[pc + 1] = Instruction.of(0, 0, 0, 0, 0);
            relocated[pc] = value ? results.valueAddress(0) : Address.of(map.handleId(), 0);
        }
        return ProgramBuilder.of(name, type, slots, StandardHelpers.registry()).imm64(relocated).maps(used).build();
    }
}
