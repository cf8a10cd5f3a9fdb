package org.binfmtbpf.verifier;

import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;
import org.binfmtbpf.program.Program;

/**
 * What an LD_IMM64 loads, as the verifier types it: a plain constant, a map handle
 * (CONST_PTR_TO_MAP), or a pointer into a map value or global data section (MAP_VALUE at an
 * offset). Which of the program's maps a load names is {@link Program#mapIndexAt}'s rule,
 * shared with the tools; a value address outside them may still name a registered region.
 */
final class MapResolver {
    private final Program program;
    private final List<BpfMap> maps;

    MapResolver(Program program) {
        this.program = program;
        this.maps = program.maps();
    }

    RegisterState load(int pc) {
        Instruction insn = program.insn(pc);
        long value = program.imm64(pc);
        return switch (insn.src()) {
            case Opcodes.PSEUDO_NONE -> RegisterState.Scalar.constant(value);
            case Opcodes.PSEUDO_MAP_IDX -> RegisterState.Pointer.mapHandle(byIndex(pc, insn.imm()));
            case Opcodes.PSEUDO_MAP_IDX_VALUE -> mapValue(pc, byIndex(pc, insn.imm()), insn.imm2());
            case Opcodes.PSEUDO_MAP_FD -> RegisterState.Pointer.mapHandle(byHandle(pc, insn.imm()));
            case Opcodes.PSEUDO_MAP_VALUE -> byValueAddress(pc, value, insn);
            case Opcodes.PSEUDO_FUNC -> throw Rejection.at(pc,
                    "callbacks (ld_imm64 of a function, for bpf_loop and the like) are not supported");
            case Opcodes.PSEUDO_BTF_ID -> throw Rejection.at(pc, "ld_imm64 of a kernel variable (BTF id) is not supported");
            default -> throw Rejection.at(pc, "invalid bpf_ld_imm64 insn");
        };
    }

    static MapRef ref(BpfMap m, int index) {
        return new MapRef(m.name(), index, m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.readOnlyForProgram());
    }

    private MapRef byIndex(int pc, int index) {
        if (index < 0 || index >= maps.size()) {
            throw Rejection.at(pc, "map index %d is not pointing to valid bpf_map (the program has %d)", index, maps.size());
        }
        return ref(maps.get(index), index);
    }

    private MapRef byHandle(int pc, int imm) {
        int index = program.mapIndexAt(pc);
        if (index < 0) {
            throw Rejection.at(pc, "fd %d is not pointing to valid bpf_map", imm);
        }
        return ref(maps.get(index), index);
    }

    private RegisterState mapValue(int pc, MapRef map, int off) {
        if (map.type() != MapType.ARRAY || map.maxEntries() < 1) {
            throw Rejection.at(pc, "direct value access on map '%s' of type %s is not allowed (array maps only)", map.name(), map.type());
        }
        if (off < 0 || off >= map.valueSize()) {
            throw Rejection.at(pc, "invalid access to map value pointer, value_size=%d off=%d", map.valueSize(), off);
        }
        return RegisterState.Pointer.mapValue(map, off);
    }

    /**
     * Source 2: the object loader leaves the map's index in imm and the offset in the second
     * imm (as libbpf does before it swaps in the fd); otherwise the relocated value names a
     * region registered in the region table.
     */
    private RegisterState byValueAddress(int pc, long value, Instruction insn) {
        int index = program.mapIndexAt(pc);
        if (index >= 0) {
            return mapValue(pc, ref(maps.get(index), index), insn.imm2());
        }
        int region = Address.region(value);
        int off = Address.offset(value);
        if (RegionTable.get(region) instanceof Region r) {
            MapRef ref = new MapRef(r.name(), -region, MapType.ARRAY, 4, r.size(), 1, !r.writable());
            return mapValue(pc, ref, off);
        }
        throw Rejection.at(pc, "fd %d is not pointing to valid bpf_map", insn.imm());
    }
}
