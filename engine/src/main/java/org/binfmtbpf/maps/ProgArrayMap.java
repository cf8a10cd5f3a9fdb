package org.binfmtbpf.maps;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.binfmtbpf.program.Program;

/** TEMPORARY (h-elf): stand-in for H-maps' ProgArrayMap with the agreed {@link #set}; deleted on merge. */
public final class ProgArrayMap extends BpfMaps.Handle {
    private final AtomicReferenceArray<Program> programs;

    ProgArrayMap(MapSpec spec) {
        super(spec);
        this.programs = new AtomicReferenceArray<>(spec.maxEntries());
    }

    public void set(int index, Program program) {
        programs.set(index, program);
    }

    public Program get(long index) {
        return index >= 0 && index < maxEntries() ? programs.get((int) index) : null;
    }
}
