package org.binfmtbpf.elf;

import java.util.List;
import java.util.NoSuchElementException;
import org.binfmtbpf.maps.BpfMap;

/**
 * A BPF object after loading: its maps (declared maps first, then global data, in libbpf's
 * order) and its programs in section order, each linked with its own copy of the
 * subprograms it calls. Program arrays the object initialises declaratively are filled.
 */
public record LoadedObject(String name, String license, List<BpfMap> maps, List<LoadedProgram> programs) implements AutoCloseable {
    public LoadedObject {
        maps = List.copyOf(maps);
        programs = List.copyOf(programs);
    }

    /** Releases the object's maps: later accesses through their addresses fault. */
    @Override
    public void close() {
        maps.forEach(BpfMap::close);
    }

    /** The map called {@code name} (global data maps go by libbpf's names, e.g. "global_.rodata"). */
    public BpfMap map(String mapName) {
        for (BpfMap m : maps) {
            if (m.name().equals(mapName)) {
                return m;
            }
        }
        throw new NoSuchElementException(name + ": no map '" + mapName + "'");
    }

    /** The program whose function symbol is {@code name}. */
    public LoadedProgram program(String programName) {
        for (LoadedProgram p : programs) {
            if (p.name().equals(programName)) {
                return p;
            }
        }
        throw new NoSuchElementException(name + ": no program '" + programName + "'");
    }

    /** The programs of ELF section {@code section}, in symbol order. */
    public List<LoadedProgram> programsInSection(String section) {
        return programs.stream().filter(p -> p.section().equals(section)).toList();
    }
}
