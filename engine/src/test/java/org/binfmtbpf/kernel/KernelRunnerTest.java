package org.binfmtbpf.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapDump;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our Program, relocated to kernel fds, loaded and run by the kernel. */
class KernelRunnerTest {
    private final BpfMap counts = BpfMaps.create(new MapSpec("counts", MapType.HASH, 4, 8, 16, 0, null, false));
    private final ArrayMap rodata = (ArrayMap) BpfMaps.create(new MapSpec("t.rodata", MapType.ARRAY, 4, 8, 1,
            MapSpec.F_RDONLY_PROG, new byte[] {0, 0, 0, 0, 0x2a, 0, 0, 0}, true));

    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    @AfterEach
    void close() {
        counts.close();
        rodata.close();
    }

    /**
     * counts[first header word] += 1 (inserting 1 when absent), then returns the u32 at
     * offset 4 of .rodata: a map handle and a global-data address, both relocated.
     */
    private Program counter() {
        long mapHandle = Address.of(counts.handleId(), 0);
        List<Instruction> insns = new ArrayList<>(List.of(
                Instruction.of(0xbf, 6, 1, 0, 0),                 // r6 = ctx
                Instruction.of(0x61, 1, 6, 0, 0),                 // r1 = *(u32 *)(r6 + 0)
                Instruction.of(0x63, 10, 1, -4, 0),               // *(u32 *)(r10 - 4) = r1
                Instruction.ldImm64(1, Opcodes.PSEUDO_MAP_FD, mapHandle),
                Instruction.of(0xbf, 2, 10, 0, 0),
                Instruction.of(0x07, 2, 0, 0, -4),                // r2 = &key
                Instruction.of(0x85, 0, 0, 0, StandardHelpers.MAP_LOOKUP_ELEM),
                Instruction.of(0x15, 0, 0, 4, 0),                 // if r0 == 0 goto insert
                Instruction.of(0x79, 1, 0, 0, 0),
                Instruction.of(0x07, 1, 0, 0, 1),
                Instruction.of(0x7b, 0, 1, 0, 0),                 // (*r0)++
                Instruction.of(0x05, 0, 0, 9, 0),                 // goto out
                Instruction.of(0x7a, 10, 0, -16, 1),              // insert: *(u64 *)(r10 - 16) = 1
                Instruction.ldImm64(1, Opcodes.PSEUDO_MAP_FD, mapHandle),
                Instruction.of(0xbf, 2, 10, 0, 0),
                Instruction.of(0x07, 2, 0, 0, -4),
                Instruction.of(0xbf, 3, 10, 0, 0),
                Instruction.of(0x07, 3, 0, 0, -16),
                Instruction.of(0xb7, 4, 0, 0, 0),
                Instruction.of(0x85, 0, 0, 0, StandardHelpers.MAP_UPDATE_ELEM),
                Instruction.ldImm64(1, Opcodes.PSEUDO_MAP_VALUE, rodata.valueAddress(0)),   // out:
                Instruction.of(0x61, 0, 1, 4, 0),                 // r0 = *(u32 *)(rodata + 4)
                Instruction.of(0x95, 0, 0, 0, 0)));
        Instruction[] slots = InstructionCodec.toSlots(insns);
        long[] imm64 = new long[slots.length];
        for (int pc = 0; pc < slots.length; pc++) {
            if (slots[pc].isLdImm64()) {
                imm64[pc] = slots[pc].imm64();
            }
        }
        return new Program("counter", ProgramType.SYSCALL, slots, imm64, List.of(new Subprogram("main", 0, slots.length, 16)),
                StandardHelpers.registry(), List.of(counts, rodata), null, "GPL");
    }

    @Test
    void mapsAndGlobalDataAreRelocatedAndTheirContentsComeBack() {
        byte[] header = new byte[256];
        header[0] = 7;
        try (KernelRunner runner = KernelRunner.load(counter())) {
            KernelRunner.KernelRun first = runner.run(header);
            assertEquals(0x2a, first.r0(), "read from .rodata at offset 4");
            assertEquals(Map.of("07000000", "0100000000000000"), first.maps().get("counts").entries());
            KernelRunner.KernelRun second = runner.run(header);
            assertEquals(Map.of("07000000", "0200000000000000"), second.maps().get("counts").entries());
            assertEquals(Map.of("00000000", "000000002a000000"), second.maps().get("t.rodata").entries());
        }
    }

    @Test
    void kernelMapsStartWithOurMapsContents() {
        counts.update(new byte[] {7, 0, 0, 0}, new byte[] {41, 0, 0, 0, 0, 0, 0, 0}, 0);
        byte[] header = new byte[256];
        header[0] = 7;
        KernelRunner.KernelRun run = KernelRunner.runOnce(counter(), header);
        assertEquals("2a00000000000000", run.maps().get("counts").entries().get("07000000"));
        assertEquals(MapDump.of(counts).entries().keySet(), run.maps().get("counts").entries().keySet());
    }

    @Test
    void aProgramTheKernelRefusesReportsTheVerifierLog() {
        Instruction[] slots = {Instruction.of(0x61, 0, 1, 1, 0), Instruction.of(0x95, 0, 0, 0, 0)};   // misaligned ctx read
        Program bad = new Program("misaligned", ProgramType.SYSCALL, slots, new long[2], List.of(new Subprogram("main", 0, 2, 0)),
                StandardHelpers.registry(), List.of(), null, "GPL");
        KernelBpfException e = assertThrows(KernelBpfException.class, () -> KernelRunner.runOnce(bad, new byte[256]));
        assertTrue(e.verifierLog() != null && !e.verifierLog().isBlank(), e.getMessage());
    }
}
