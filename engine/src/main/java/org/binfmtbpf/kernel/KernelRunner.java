package org.binfmtbpf.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapDump;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.maps.ProgArrayMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;

/**
 * Runs one of our loaded {@link Program}s in the kernel, as the oracle for differential tests.
 *
 * <ol>
 *   <li>Each of the program's maps gets a kernel twin with the same declaration and the
 *       same current contents (so global data starts with its section bytes). Every program
 *       a prog array holds is loaded too, and its fd stored in the twin, so tail calls
 *       happen in the kernel as they do here.</li>
 *   <li>Every LD_IMM64 that our loader relocated to a map handle becomes
 *       {@code src=BPF_PSEUDO_MAP_FD, imm=fd}; one relocated to a global-data address becomes
 *       {@code src=BPF_PSEUDO_MAP_VALUE, imm=fd, imm2=offset}. Nothing else changes.</li>
 *   <li>The program loads as a socket filter if it is one, otherwise as a (sleepable)
 *       syscall program: both see the 256-byte header as context (kernel-oracle.md).</li>
 * </ol>
 * Close it to release the kernel objects.
 */
public final class KernelRunner implements AutoCloseable {
    private final Map<BpfMap, KernelMap> twins = new LinkedHashMap<>();
    private final Map<Program, KernelProgram> loaded = new IdentityHashMap<>();
    private final KernelProgram main;

    /** What one kernel run returned: r0 (the kernel reports its low 32 bits) and every map's contents after it. */
    public record KernelRun(long r0, Map<String, MapDump> maps) {}

    private KernelRunner(Program program) {
        boolean done = false;
        try {
            List<Program> programs = reachable(program);
            for (Program p : programs) {
                loaded.put(p, KernelBpf.loadProgram(p.name(), kernelType(p), relocated(p), p.license() == null ? "GPL" : p.license(),
                        functionStartsIfNeeded(p)));
            }
            fillProgramArrays();
            this.main = loaded.get(program);
            done = true;
        } finally {
            if (!done) {
                close();
            }
        }
    }

    /**
     * Where the program's functions start, when the kernel needs them described in BTF: only
     * for a tail call or a legacy packet load (LD_ABS, LD_IND) in a BPF-to-BPF callee. Otherwise
     * just the main program's 0, so that every other program loads exactly as its slots say.
     */
    private static int[] functionStartsIfNeeded(Program p) {
        List<Subprogram> functions = p.functions();
        boolean needed = false;
        for (Subprogram f : functions.subList(1, functions.size())) {
            for (int pc = f.start(); pc < f.end(); pc++) {
                needed |= needsFunctionBtf(p.insn(pc));
            }
        }
        return needed ? functions.stream().mapToInt(Subprogram::start).toArray() : new int[] {0};
    }

    private static boolean needsFunctionBtf(Instruction insn) {
        int mode = Opcodes.mode(insn.opcode());
        boolean packetLoad = Opcodes.cls(insn.opcode()) == Opcodes.CLASS_LD && (mode == Opcodes.MODE_ABS || mode == Opcodes.MODE_IND);
        boolean tailCall = insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_HELPER
                && insn.imm() == StandardHelpers.TAIL_CALL;
        return packetLoad || tailCall;
    }

    /** Creates the kernel maps and loads the program; throws {@link KernelBpfException} with the verifier log if refused. */
    public static KernelRunner load(Program program) {
        return new KernelRunner(program);
    }

    /** Loads, runs once on {@code context}, and releases everything. */
    public static KernelRun runOnce(Program program, byte[] context) {
        try (KernelRunner runner = load(program)) {
            return runner.run(context);
        }
    }

    /** One BPF_PROG_TEST_RUN on {@code context}; the kernel maps keep their contents between runs. */
    public KernelRun run(byte[] context) {
        long r0 = main.testRun(context);
        return new KernelRun(r0, dumps());
    }

    /** The kernel maps' contents, by our map's name (prog arrays show as empty: their values are kernel fds). */
    public Map<String, MapDump> dumps() {
        Map<String, MapDump> out = new LinkedHashMap<>();
        twins.forEach((ours, kernel) -> out.put(ours.name(), dump(ours, kernel)));
        return out;
    }

    /** Our maps' contents, the same maps and form as {@link #dumps()}, to compare after running our engine. */
    public Map<String, MapDump> ourDumps() {
        Map<String, MapDump> out = new LinkedHashMap<>();
        twins.keySet().forEach(ours -> out.put(ours.name(), ours.type() == MapType.PROG_ARRAY
                ? new MapDump(ours.name(), new TreeMap<>()) : MapDump.of(ours)));
        return out;
    }

    /** BPF_PROG_TYPE_SOCKET_FILTER for socket filters, else BPF_PROG_TYPE_SYSCALL (same header context). */
    private static int kernelType(Program p) {
        return p.type() == ProgramType.SOCKET_FILTER ? KernelProgram.SOCKET_FILTER : KernelProgram.SYSCALL;
    }

    /**
     * The program and every program its prog arrays can tail-call into, transitively; every
     * map any of them uses gets its twin on the way.
     */
    private List<Program> reachable(Program start) {
        List<Program> order = new ArrayList<>();
        Set<Program> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Program> work = new ArrayDeque<>(List.of(start));
        seen.add(start);
        while (!work.isEmpty()) {
            Program p = work.poll();
            order.add(p);
            for (BpfMap m : p.maps()) {
                if (!twins.containsKey(m)) {
                    twins.put(m, twin(m));
                }
                if (m instanceof ProgArrayMap array) {
                    for (int i = 0; i < array.maxEntries(); i++) {
                        Program target = array.get(i);
                        if (target != null && seen.add(target)) {
                            work.add(target);
                        }
                    }
                }
            }
        }
        return order;
    }

    /** Stores each tail-call target's kernel fd in the kernel twin of its prog array. */
    private void fillProgramArrays() {
        twins.forEach((ours, kernel) -> {
            if (ours instanceof ProgArrayMap array) {
                for (int i = 0; i < array.maxEntries(); i++) {
                    Program target = array.get(i);
                    if (target != null) {
                        int rc = kernel.update(u32(i), u32(loaded.get(target).fd()), 0);
                        if (rc != 0) {
                            throw new KernelBpfException("BPF_MAP_UPDATE_ELEM of prog array '" + ours.name() + "' [" + i + "]", -rc, null);
                        }
                    }
                }
            }
        });
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static KernelMap twin(BpfMap m) {
        KernelMap k = KernelBpf.createMap(m.name(), m.type().kernelId(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags());
        if (m.type() != MapType.PROG_ARRAY) {
            for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
                byte[] value = m.lookup(key);
                int rc = value == null ? 0 : k.update(key, value, 0);
                if (rc != 0) {
                    k.close();
                    throw new KernelBpfException("BPF_MAP_UPDATE_ELEM copying map '" + m.name() + "' into the kernel", -rc, null);
                }
            }
        }
        return k;
    }

    private static MapDump dump(BpfMap ours, KernelMap kernel) {
        SortedMap<String, String> entries = new TreeMap<>();
        if (ours.type() != MapType.PROG_ARRAY) {
            for (byte[] key : kernel.keys()) {
                byte[] value = kernel.lookup(key);
                if (value != null) {
                    entries.put(MapDump.hex(key), MapDump.hex(value));
                }
            }
        }
        return new MapDump(ours.name(), entries);
    }

    /** The program's slots with map references turned into kernel fds. */
    private Instruction[] relocated(Program program) {
        Map<Integer, KernelMap> byHandle = new HashMap<>();
        Map<Integer, KernelMap> byValues = new HashMap<>();
        twins.forEach((ours, kernel) -> {
            byHandle.put(ours.handleId(), kernel);
            if (ours instanceof ArrayMap array) {
                byValues.put(Address.region(array.valueAddress(0)), kernel);
            }
        });
        Instruction[] slots = program.instructions();
        List<String> problems = new ArrayList<>();
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = slots[pc];
            if (!insn.isLdImm64() || insn.src() == Opcodes.PSEUDO_FUNC) {
                continue;
            }
            long value = program.imm64(pc);
            int region = Address.region(value);
            KernelMap handle = byHandle.get(region);
            KernelMap values = byValues.get(region);
            Instruction out;
            if (handle != null && Address.offset(value) == 0) {
                out = new Instruction(insn.opcode(), insn.dst(), Opcodes.PSEUDO_MAP_FD, insn.off(), handle.fd(), 0);
            } else if (values != null) {
                out = new Instruction(insn.opcode(), insn.dst(), Opcodes.PSEUDO_MAP_VALUE, insn.off(), values.fd(), Address.offset(value));
            } else if (insn.src() != Opcodes.PSEUDO_NONE) {
                problems.add("insn " + pc + ": LD_IMM64 src " + insn.src() + " loads 0x" + Long.toHexString(value) + ", which is none of the program's maps");
                continue;
            } else {
                out = Instruction.ldImm64(insn.dst(), Opcodes.PSEUDO_NONE, value);
            }
            slots[pc] = out;
            if (pc + 1 < slots.length) {
                slots[pc + 1] = new Instruction(0, 0, 0, (short) 0, out.imm2(), 0);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("program '" + program.name() + "': " + String.join("; ", problems));
        }
        return slots;
    }

    @Override
    public void close() {
        loaded.values().forEach(KernelProgram::close);
        twins.values().forEach(KernelMap::close);
    }
}
