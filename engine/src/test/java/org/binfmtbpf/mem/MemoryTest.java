package org.binfmtbpf.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.conformance.ConformanceHelpers;
import org.binfmtbpf.isa.Instruction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory model's checked accesses, as loads, stores, atomics and helpers see them. */
class MemoryTest {
    private final Invocation inv = new Invocation();
    private final List<Integer> registered = new ArrayList<>();

    MemoryTest() {
        inv.begin(program(ProgramType.RAW), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    @AfterEach
    void releaseRegions() {
        registered.forEach(RegionTable::release);
    }

    @Test
    void loadsAreLittleEndianAndZeroExtended() {
        long ctx = Invocation.contextAddress();
        assertEquals(0x01, Memory.load(inv, ctx, 1, 0));
        assertEquals(0x0201, Memory.load(inv, ctx, 2, 0));
        assertEquals(0x08070605L, Memory.load(inv, ctx + 4, 4, 0));
        assertEquals(0x0807060504030201L, Memory.load(inv, ctx, 8, 0));
        Memory.store(inv, ctx, 4, 0xfffffffeL, 0);
        assertEquals(0xfffffffeL, Memory.load(inv, ctx, 4, 0));
    }

    @Test
    void storesWriteOnlyTheirWidth() {
        long slot = Invocation.stackTop() - 8;
        Memory.store(inv, slot, 8, -1L, 0);
        Memory.store(inv, slot, 2, 0x1234_5678L, 0);
        assertEquals(0xffffffffffff5678L, Memory.load(inv, slot, 8, 0));
    }

    @Test
    void accessesPastTheRegionFaultWithTheSameMessageForEveryEngine() {
        BpfFault f = assertThrows(BpfFault.class, () -> Memory.load(inv, Invocation.contextAddress() + 6, 4, 3));
        assertEquals("insn 3: invalid read of 4 bytes at context+0x6 (context is 8 bytes)", f.getMessage());
        f = assertThrows(BpfFault.class, () -> Memory.store(inv, Invocation.stackTop() + 4, 4, 0, 9));
        assertEquals("insn 9: invalid write of 4 bytes at stack top+0x4 (past the stack top)", f.getMessage());
        f = assertThrows(BpfFault.class, () -> Memory.store(inv, Invocation.stackTop() - Invocation.RUN_STACK_SIZE - 8, 8, 0, 9));
        assertEquals("insn 9: invalid write of 8 bytes at stack top-0x4408 (below the run's 17408 bytes of stack)", f.getMessage());
    }

    @Test
    void theStackBelowTheRunningFrameIsOutOfReach() {
        inv.stackFloor = Invocation.RUN_STACK_SIZE - 32;
        Memory.store(inv, Invocation.stackTop() - 32, 8, 1, 0);
        BpfFault f = assertThrows(BpfFault.class, () -> Memory.load(inv, Invocation.stackTop() - 40, 8, 1));
        assertEquals("insn 1: invalid read of 8 bytes at stack top-0x28 (below this frame: the stack in use is stack top-0x20 to stack top)",
                f.getMessage());
    }

    @Test
    void headerContextsAreReadOnly() {
        inv.begin(program(ProgramType.SOCKET_FILTER), new byte[256]);
        BpfFault f = assertThrows(BpfFault.class, () -> Memory.store(inv, Invocation.contextAddress() + 4, 1, 0, 2));
        assertEquals("insn 2: invalid write of 1 byte at context+0x4 (context is read-only)", f.getMessage());
    }

    @Test
    void globalRegionsAreReachedThroughTheRegionTable() {
        Region value = new Region("counts[0]", Region.Kind.MAP_VALUE, new byte[16], true);
        long address = Address.of(register(value), 8);
        Memory.store(inv, address, 8, 42, 0);
        assertEquals(42, Memory.load(inv, address, 8, 0));
        assertSame(value, Memory.resolve(inv, address, 8, true, -1));
        BpfFault f = assertThrows(BpfFault.class, () -> Memory.resolve(inv, address, 9, false, -1));
        assertEquals("invalid read of 9 bytes at counts[0]+0x8 (counts[0] is 16 bytes)", f.reason());
    }

    @Test
    void readOnlyGlobalDataRefusesStores() {
        Region rodata = new Region(".rodata", Region.Kind.GLOBAL_DATA, new byte[8], false);
        long address = Address.of(register(rodata), 0);
        assertEquals(0, Memory.load(inv, address, 8, 0));
        BpfFault f = assertThrows(BpfFault.class, () -> Memory.store(inv, address, 4, 1, 5));
        assertEquals("insn 5: invalid write of 4 bytes at .rodata+0x0 (.rodata is read-only)", f.getMessage());
    }

    @Test
    void aMapHandleIsNotMemory() throws Exception {
        try (BpfMap map = BpfMaps.create(new MapSpec("counts", MapType.ARRAY, 4, 8, 1, 0, null, false))) {
            BpfFault f = assertThrows(BpfFault.class, () -> Memory.load(inv, Address.of(map.handleId(), 0), 4, 7));
            assertEquals("insn 7: invalid read of 4 bytes at map counts+0x0 (not a memory pointer)", f.getMessage());
        }
    }

    @Test
    void releasedAndUnknownRegionsAndSmallValuesAreNotPointers() {
        int id = register(new Region("gone", Region.Kind.MAP_VALUE, new byte[8], true));
        RegionTable.release(id);
        assertEquals("invalid read of 8 bytes at region " + id + "+0x0 (region " + id + " is not mapped)",
                assertThrows(BpfFault.class, () -> Memory.load(inv, Address.of(id, 0), 8, 0)).reason());
        assertEquals("invalid read of 8 bytes at region 5+0x0 (no such region)",
                assertThrows(BpfFault.class, () -> Memory.load(inv, Address.of(5, 0), 8, 0)).reason());
        assertEquals("invalid write of 2 bytes at 0x10 (not a pointer)",
                assertThrows(BpfFault.class, () -> Memory.store(inv, 16, 2, 0, 0)).reason());
    }

    @Test
    void atomicsReturnTheOldValueZeroExtended() {
        long slot = Invocation.stackTop() - 8;
        Memory.store(inv, slot, 4, 0xffffffffL, 0);
        assertEquals(0xffffffffL, Memory.fetchAndOp(inv, slot, 4, Opcodes.ATOMIC_ADD | Opcodes.ATOMIC_FETCH, 2, 0));
        assertEquals(1, Memory.load(inv, slot, 4, 0));
        assertEquals(1, Memory.fetchAndOp(inv, slot, 4, Opcodes.ATOMIC_XCHG, 0x1_0000_0007L, 0));
        assertEquals(7, Memory.load(inv, slot, 8, 0), "a 32-bit exchange writes 4 bytes");
        assertEquals(7, Memory.compareExchange(inv, slot, 4, 0xff_0000_0007L, 9, 0), "compares the low 32 bits");
        assertEquals(9, Memory.load(inv, slot, 8, 0));
        assertEquals(9, Memory.compareExchange(inv, slot, 8, 8, 10, 0));
        assertEquals(9, Memory.load(inv, slot, 8, 0), "no match, no store");
    }

    @Test
    void misalignedAtomicsFault() {
        BpfFault f = assertThrows(BpfFault.class,
                () -> Memory.fetchAndOp(inv, Invocation.stackTop() - 12, 8, Opcodes.ATOMIC_ADD, 1, 4));
        assertEquals("insn 4: misaligned atomic access of 8 bytes at stack top-0xc", f.getMessage());
    }

    @Test
    void atomicsOnSharedRegionsAreAtomicAcrossThreads() throws InterruptedException {
        Region shared = new Region("hits[0]", Region.Kind.MAP_VALUE, new byte[8], true);
        long address = Address.of(register(shared), 0);
        int threads = 4;
        int perThread = 50_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                Invocation own = new Invocation();
                for (int i = 0; i < perThread; i++) {
                    Memory.fetchAndOp(own, address, 8, Opcodes.ATOMIC_ADD, 1, 0);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals((long) threads * perThread, Memory.load(inv, address, 8, 0));
    }

    @Test
    void packetLoadsAreBigEndianAndSignalOutOfBounds() {
        assertEquals(0x0102, Memory.loadPacket(inv, 0, 2));
        assertEquals(0x05060708L, Memory.loadPacket(inv, 4, 4));
        assertEquals(-1, Memory.loadPacket(inv, 5, 4));
        assertEquals(-1, Memory.loadPacket(inv, -1, 1));
    }

    @Test
    void packetLoadsBelowZeroReachOnlyTheNetworkHeader() {
        assertEquals(0x0102, Memory.loadPacket(inv, Memory.NETWORK_HEADER_OFFSET, 2), "SKF_NET_OFF + 0 is the packet's start");
        assertEquals(-1, Memory.loadPacket(inv, Memory.NETWORK_HEADER_OFFSET + 7, 2), "bounded by the packet");
        assertEquals(-1, Memory.loadPacket(inv, Memory.NETWORK_HEADER_OFFSET - 1, 1), "link layer (SKF_LL_OFF up): there is none");
        assertEquals(-1, Memory.loadPacket(inv, -0x200000, 1), "SKF_LL_OFF itself");
    }

    private int register(Object target) {
        int id = RegionTable.register(target);
        registered.add(id);
        return id;
    }

    private static Program program(ProgramType type) {
        Instruction[] insns = {Instruction.of(Opcodes.CLASS_JMP | Opcodes.JMP_EXIT, 0, 0, 0, 0)};
        return new Program("t", type, insns, new long[1], List.of(new Subprogram("main", 0, 1, 32)),
                ConformanceHelpers.registry(), List.of(), null, "GPL");
    }
}
