package org.binfmtbpf.cli.prog;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.program.Program;

/**
 * The maps a program's wide loads (LD_IMM64) refer to: a map's handle, or an address in a
 * map's value (global data). The kernel keeps the same list as the program's used_maps, which
 * {@code bpftool prog show} prints as map_ids: an object's other maps are not the program's.
 */
final class MapReferences {
    private MapReferences() {}

    /** The indexes in {@link Program#maps()} of the maps the program refers to, in the order of first reference. */
    static List<Integer> used(Program program) {
        List<Integer> used = new ArrayList<>();
        for (int pc = 0; pc < program.length(); pc++) {
            if (program.insn(pc).isLdImm64()) {
                int index = program.mapIndexAt(pc);
                if (index >= 0 && !used.contains(index)) {
                    used.add(index);
                }
                pc++;
            }
        }
        return used;
    }

    /** The address of an array map's element 0: global data is a one-element array; 0 for other maps. */
    static long firstValue(BpfMap map) {
        if (map.type() != MapType.ARRAY || map.keySize() != 4) {
            return 0;
        }
        return map.lookupAddress(new byte[4], 0);
    }
}
