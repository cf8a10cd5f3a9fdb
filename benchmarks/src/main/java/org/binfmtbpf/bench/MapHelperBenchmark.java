package org.binfmtbpf.bench;

import java.util.List;
import org.binfmtbpf.helpers.MapHelpers;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;
import org.binfmtbpf.run.Invocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The map helpers as a program calls them: key in the program's stack, the helper reading it
 * in place. Run with {@code -prof gc} to see that lookups allocate nothing (gc.alloc.rate.norm).
 */
@Fork(1)
public class MapHelperBenchmark extends NanosPerRun {
    @Param({"HASH", "LRU_HASH", "ARRAY"})
    public MapType type;

    private BpfMap map;
    private long handle;
    private final Invocation inv = new Invocation();
    private long hitKey;
    private long missKey;
    private long value;

    @Setup
    public void setUp() {
        map = BpfMaps.create(new MapSpec("bench", type, 4, 8, 1024, 0, null, false));
        handle = Address.of(map.handleId(), 0);
        for (int k = 0; k < 1024; k++) {
            map.update(new byte[] {(byte) k, (byte) (k >> 8), 0, 0}, new byte[8], 0);
        }
        Program p = new Program("bench", ProgramType.SOCKET_FILTER, new Instruction[0], new long[0],
                List.of(new Subprogram("main", 0, 0, 0)), StandardHelpers.registry(), List.of(map), null, "GPL");
        inv.begin(p, new byte[256]);
        inv.stack[500] = 77;           // key 77: present
        inv.stack[505] = 1;
        inv.stack[504] = 0;
        inv.stack[506] = 0x10;         // key 0x100000: absent (array: past max_entries)
        hitKey = Address.of(Address.STACK_REGION, 500);
        missKey = Address.of(Address.STACK_REGION, 504);
        value = Address.of(Address.STACK_REGION, 480);
    }

    @TearDown
    public void tearDown() {
        map.close();
    }

    @Benchmark
    public long lookupHit() {
        return MapHelpers.mapLookupElem(inv, handle, hitKey, 0, 0, 0);
    }

    @Benchmark
    public long lookupMiss() {
        return MapHelpers.mapLookupElem(inv, handle, missKey, 0, 0, 0);
    }

    @Benchmark
    public long updateExisting() {
        return MapHelpers.mapUpdateElem(inv, handle, hitKey, value, 0, 0);
    }
}
