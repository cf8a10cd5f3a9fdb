package org.binfmtbpf.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapDump;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;

/**
 * Runs one of our loaded {@link Program}s in the kernel, as the oracle for differential tests.
 *
 * <ol>
 *   <li>Each of the program's maps gets a kernel twin with the same declaration and the
 *       same current contents (so global data starts with its section bytes). Prog arrays
 *       stay empty: the kernel names programs by fd, so tail calls fall through there.</li>
 *   <li>Every LD_IMM64 that our loader relocated to a map handle becomes
 *       {@code src=BPF_PSEUDO_MAP_FD, imm=fd}; one relocated to a global-data address becomes
 *       {@code src=BPF_PSEUDO_MAP_VALUE, imm=fd, imm2=offset}. Nothing else changes.</li>
 *   <li>The program loads as a socket filter if it is one, otherwise as a (sleepable)
 *       syscall program: both see the 256-byte header as context (kernel-oracle.md).</li>
 * </ol>
 * Close it to release the kernel objects.
 */
public final class KernelRunner implements AutoCloseable {
    private final Program program;
    private final Map<BpfMap, KernelMap> twins = new LinkedHashMap<>();
    private final KernelProgram loaded;

    /** What one kernel run returned: r0 (the kernel reports its low 32 bits) and every map's contents after it. */
    public record KernelRun(long r0, Map<String, MapDump> maps) {}

    private KernelRunner(Program program) {
        this.program = program;
        KernelProgram p = null;
        try {
            for (BpfMap m : program.maps()) {
                twins.put(m, twin(m));
            }
            int type = program.type() == ProgramType.SOCKET_FILTER ? KernelProgram.SOCKET_FILTER : KernelProgram.SYSCALL;
            p = KernelBpf.loadProgram(program.name(), type, relocated(), program.license() == null ? "GPL" : program.license());
        } finally {
            if (p == null) {
                twins.values().forEach(KernelMap::close);
            }
        }
        this.loaded = p;
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
        long r0 = loaded.testRun(context);
        return new KernelRun(r0, dumps());
    }

    /** The kernel maps' contents, by our map's name. */
    public Map<String, MapDump> dumps() {
        Map<String, MapDump> out = new LinkedHashMap<>();
        twins.forEach((ours, kernel) -> out.put(ours.name(), dump(ours, kernel)));
        return out;
    }

    /** The same dumps of our maps, to compare with {@link KernelRun#maps()}. */
    public static Map<String, MapDump> dumpsOf(Program program) {
        Map<String, MapDump> out = new LinkedHashMap<>();
        for (BpfMap m : program.maps()) {
            out.put(m.name(), MapDump.of(m));
        }
        return out;
    }

    private static KernelMap twin(BpfMap m) {
        KernelMap k = KernelBpf.createMap(m.name(), m.type().kernelId(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags());
        if (m.type() != MapType.PROG_ARRAY) {
            for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
                byte[] value = m.lookup(key);
                if (value != null && k.update(key, value, 0) != 0) {
                    k.close();
                    throw new IllegalStateException("cannot copy map '" + m.name() + "' into the kernel");
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
    private Instruction[] relocated() {
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
        loaded.close();
        twins.values().forEach(KernelMap::close);
    }
}
