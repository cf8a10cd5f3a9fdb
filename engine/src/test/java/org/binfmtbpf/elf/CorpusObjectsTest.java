package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.maps.ProgArrayMap;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.SourceLine;
import org.binfmtbpf.program.Subprogram;
import org.junit.jupiter.api.Test;

/** What the loader makes of particular corpus objects, checked against their C sources and llvm-objdump. */
class CorpusObjectsTest {

    @Test
    void globalDataBecomesArrayMapsNamedAndFlaggedLikeLibbpf() {
        LoadedObject obj = Corpus.load("global_data.bpf.o");
        // libbpf: 8 characters of the object name + the section name; custom .rodata.* keep their own name.
        assertEquals(List.of("global_d.rodata", "global_d.data", "global_d.bss", ".rodata.cst32"),
                obj.maps().stream().map(BpfMap::name).toList());
        BpfMap rodata = obj.map("global_d.rodata");
        assertEquals(MapType.ARRAY, rodata.type());
        assertEquals(4, rodata.keySize());
        assertEquals(4, rodata.valueSize()); // const volatile __u32 bonus
        assertEquals(1, rodata.maxEntries());
        assertEquals(MapSpec.F_RDONLY_PROG | GlobalData.F_MMAPABLE, rodata.flags());
        assertEquals(GlobalData.F_MMAPABLE, obj.map("global_d.data").flags());
        assertEquals(GlobalData.F_MMAPABLE, obj.map("global_d.bss").flags());
        // only a static variable: read-only for programs, not mmapable (libbpf >= 1.2)
        assertEquals(MapSpec.F_RDONLY_PROG, obj.map(".rodata.cst32").flags());
        assertEquals(32, obj.map(".rodata.cst32").valueSize());

        assertEquals(1000, le32(obj.map("global_d.rodata").lookup(new byte[4]), 0));
        assertEquals(40, le32(obj.map("global_d.data").lookup(new byte[4]), 0));
        assertEquals(0, le32(obj.map("global_d.bss").lookup(new byte[4]), 0));
        byte[] weights = obj.map(".rodata.cst32").lookup(new byte[4]);
        assertEquals(101, weights[0] & 0xff);
        assertEquals(83, weights[30] & 0xff);
        assertFalse(((ArrayMap) rodata).valuesRegion().writable(), ".rodata is read-only for programs");
        assertTrue(((ArrayMap) obj.map("global_d.data")).valuesRegion().writable());
    }

    @Test
    void globalVariableLoadsBecomeMapValueAddresses() {
        LoadedObject obj = Corpus.load("global_data.bpf.o");
        Program p = obj.program("weigh_header").program();
        // 1: r3 = &last_machine (.bss), 4: r2 = &runs (.data), 12: r2 = osabi_weight (.rodata.cst32), 17: r1 = &bonus
        assertMapValue(p, 1, obj, "global_d.bss", 0);
        assertMapValue(p, 4, obj, "global_d.data", 0);
        assertMapValue(p, 12, obj, ".rodata.cst32", 0);
        assertMapValue(p, 17, obj, "global_d.rodata", 0);
    }

    private static void assertMapValue(Program p, int pc, LoadedObject obj, String map, int offset) {
        Instruction insn = p.insn(pc);
        assertTrue(insn.isLdImm64(), "LD_IMM64 at " + pc);
        assertEquals(2, insn.src(), "src 2: map value, as libbpf leaves it");
        assertEquals(obj.maps().indexOf(obj.map(map)), insn.imm(), "imm: the map's index in the object");
        assertEquals(offset, insn.imm2());
        assertEquals(offset, p.insn(pc + 1).imm());
        assertEquals(((ArrayMap) obj.map(map)).valueAddress(0) + offset, p.imm64(pc));
    }

    @Test
    void btfDefinedHashMapAndItsHandleLoads() {
        LoadedObject obj = Corpus.load("machine_counter.bpf.o");
        BpfMap machines = obj.map("machines");
        assertEquals(MapType.HASH, machines.type());
        assertEquals(4, machines.keySize()); // __type(key, __u32)
        assertEquals(8, machines.valueSize()); // __type(value, __u64)
        assertEquals(64, machines.maxEntries()); // __uint(max_entries, 64)
        assertEquals(0, machines.flags());
        for (String name : List.of("count_machines", "count_machines_syscall")) {
            Program p = obj.program(name).program();
            for (int pc : new int[] {6, 19}) {
                assertEquals(1, p.insn(pc).src(), "src 1: map, as libbpf leaves it");
                assertEquals(0, p.insn(pc).imm());
                assertEquals(Address.of(machines.handleId(), 0), p.imm64(pc));
            }
            assertSame(machines, p.maps().get(0));
        }
        assertEquals(ProgramType.BINFMT, obj.program("count_machines").program().type());
        assertEquals(ProgramType.SYSCALL, obj.program("count_machines_syscall").program().type());
        assertEquals("syscall", obj.program("count_machines_syscall").section());
    }

    @Test
    void legacyMapsSectionIsReadAsStructBpfMapDef() {
        BpfMap counts = Corpus.load("legacy_maps.bpf.o").map("class_counts");
        assertEquals(MapType.ARRAY, counts.type());
        assertEquals(4, counts.keySize());
        assertEquals(8, counts.valueSize());
        assertEquals(4, counts.maxEntries());
    }

    @Test
    void programArraysAreFilledFromTheirDeclarativeValues() {
        LoadedObject obj = Corpus.load("tail_call.bpf.o");
        ProgArrayMap byClass = (ProgArrayMap) obj.map("by_class");
        assertEquals(MapType.PROG_ARRAY, byClass.type());
        assertEquals(4, byClass.maxEntries());
        assertNull(byClass.get(0));
        assertSame(obj.program("on_elf32").program(), byClass.get(1));
        assertSame(obj.program("on_elf64").program(), byClass.get(2));
        assertNull(byClass.get(3));
        ProgArrayMap socket = (ProgArrayMap) obj.map("by_class_socket");
        assertSame(obj.program("on_elf32_socket").program(), socket.get(1));
        assertSame(obj.program("on_elf64_socket").program(), socket.get(2));
        assertEquals(List.of("on_elf32_socket", "on_elf64_socket", "dispatch_socket"),
                obj.programsInSection("socket").stream().map(LoadedProgram::name).toList());
        assertEquals("binfmt/elf32", obj.program("on_elf32").section());
        assertEquals(ProgramType.BINFMT, obj.program("on_elf32").program().type());
    }

    @Test
    void subprogramsAreAppendedDepthFirstWithCallsFixedUp() {
        LoadedObject obj = Corpus.load("bpf_calls.bpf.o");
        for (String name : List.of("hash_calls", "hash_calls_syscall")) {
            Program p = obj.program(name).program();
            // main calls hash_ident (which calls fnv1a) before hash_rest: libbpf appends in that order
            List<Subprogram> fs = p.functions();
            assertEquals(List.of(name, "hash_ident", "fnv1a", "hash_rest"), fs.stream().map(Subprogram::name).toList());
            // sizes from the symbol table: 208, 424, 104, 32 bytes
            assertEquals(List.of(26, 53, 13, 4), fs.stream().map(f -> f.end() - f.start()).toList());
            assertEquals(64, fs.get(0).stackSize(), "main: __u64 hdr[8]");
            assertEquals(32, fs.get(1).stackSize(), "hash_ident: __u8 ident[16], rounded up to 32");
            // main: call hash_ident at 19, call hash_rest at 22; hash_ident calls fnv1a; hash_rest calls fnv1a
            assertCall(p, 19, fs.get(1));
            assertCall(p, 22, fs.get(3));
            assertCall(p, fs.get(1).start() + 51, fs.get(2));
            assertCall(p, fs.get(3).start() + 2, fs.get(2));
        }
        assertEquals(ProgramType.SYSCALL, obj.program("hash_calls_syscall").program().type());
    }

    private static void assertCall(Program p, int pc, Subprogram target) {
        Instruction call = p.insn(pc);
        assertTrue(CodeSection.isCall(call), "call at " + pc);
        assertEquals(target.start(), pc + 1 + call.imm(), "call at " + pc + " reaches " + target.name());
    }

    @Test
    void lineInfoGivesTheCSourceLineOfAnInstruction() {
        Program p = Corpus.load("legacy_maps.bpf.o").program("count_classes").program();
        // the lookup call of line 17: "__u64 *count = bpf_map_lookup_elem(&class_counts, &cls);"
        int call = -1;
        for (int pc = 0; pc < p.length(); pc++) {
            if (p.insn(pc).opcode() == 0x85 && p.insn(pc).imm() == 1) {
                call = pc;
            }
        }
        SourceLine line = null;
        for (int pc = call; pc >= 0 && line == null; pc--) {
            line = p.line(pc);
        }
        assertEquals(17, line.line());
        assertEquals("\t__u64 *count = bpf_map_lookup_elem(&class_counts, &cls);", line.text());
        assertTrue(line.file().endsWith("legacy_maps.bpf.c"));
        assertTrue(line.column() > 0);
    }

    @Test
    void theSocketAndBinfmtVariantsOfTheQemuMatcherAreTheSameCode() {
        LoadedObject obj = Corpus.load("qemu_matcher.bpf.o");
        Program binfmt = obj.program("qemu_match").program();
        Program socket = obj.program("qemu_match_socket").program();
        assertEquals(ProgramType.BINFMT, binfmt.type());
        assertEquals(ProgramType.SOCKET_FILTER, socket.type());
        assertArrayEquals(binfmt.instructions(), socket.instructions());
        boolean callsSetInterp = false;
        for (int pc = 0; pc < binfmt.length(); pc++) {
            callsSetInterp |= binfmt.insn(pc).opcode() == 0x85 && binfmt.insn(pc).src() == 0 && binfmt.insn(pc).imm() == 212;
        }
        assertTrue(callsSetInterp, "calls helper 212");
    }

    @Test
    void aTypeOverrideLoadsEveryProgramAsThatTypeLikeBpftool() {
        LoadedObject obj = ElfLoader.load(Corpus.bytes("qemu_matcher.bpf.o"), "qemu_matcher.bpf.o",
                Corpus.helpers(), ProgramType.SOCKET_FILTER);
        for (LoadedProgram p : obj.programs()) {
            assertEquals(ProgramType.SOCKET_FILTER, p.program().type(), p.name());
        }
    }

    @Test
    void eachProgramGetsTheHelpersOfItsOwnType() {
        byte[] bytes = Corpus.bytes("qemu_matcher.bpf.o");
        HelperRegistry none = HelperRegistry.builder().build();
        LoadedObject obj = ElfLoader.load(bytes, "qemu_matcher.bpf.o",
                type -> type == ProgramType.BINFMT ? Corpus.helpers() : StandardHelpers.registry(), null);
        assertSame(Corpus.helpers(), obj.program("qemu_match").program().helpers());
        assertSame(StandardHelpers.registry(), obj.program("qemu_match_socket").program().helpers());
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(bytes, "qemu_matcher.bpf.o",
                type -> type == ProgramType.BINFMT ? Corpus.helpers() : none, null));
        assertTrue(e.getMessage().contains("program 'qemu_match_socket'") && e.getMessage().contains("unknown helper 212"),
                e.getMessage());
    }

    @Test
    void aCallbackAddressIsAFunctionPointerToTheAppendedCallback() {
        Program p = Corpus.load(Corpus.LOOP_CALLBACK).program("sum_bytes").program();
        Subprogram callback = p.functions().get(1);
        assertEquals("add_byte", callback.name());
        int load = 21; // r2 = add_byte ll, before call bpf_loop
        Instruction insn = p.insn(load);
        assertTrue(insn.isLdImm64());
        assertEquals(4, insn.src(), "libbpf marks function addresses src 4");
        assertEquals(callback.start(), load + 1 + insn.imm(), "imm: relative to the next instruction, like a call");
        assertEquals(callback.start(), p.imm64(load), "imm64: the callback's slot");
        assertEquals(181, p.insn(load + 3).imm(), "call bpf_loop");
    }

    @Test
    void closingAnObjectReleasesItsMaps() {
        LoadedObject obj = Corpus.load("global_data.bpf.o");
        long data = ((ArrayMap) obj.map("global_d.data")).valueAddress(0);
        assertTrue(org.binfmtbpf.mem.RegionTable.get(Address.region(data)) != null);
        obj.close();
        assertNull(org.binfmtbpf.mem.RegionTable.get(Address.region(data)), "the .data value region is gone");
    }

    private static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }
}
