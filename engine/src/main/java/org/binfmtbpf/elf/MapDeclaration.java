package org.binfmtbpf.elf;

import java.util.Map;
import org.binfmtbpf.maps.MapSpec;

/**
 * A map the object declares, and where: LD_IMM64 relocations find maps by section and offset.
 *
 * @param spec            what to create
 * @param section         index of the section holding the definition ({@code .maps}, {@code maps}) or the data
 * @param offset          offset of the definition in that section (0 for global data)
 * @param size            bytes of the definition (the whole section for global data)
 * @param globalData      true for {@code .rodata*}, {@code .data*}, {@code .bss*}: relocations address its value
 * @param valuesOffset    for a BTF prog array with {@code __array(values, ...)}: the member's byte offset, else -1
 * @param initialPrograms for a prog array: slot index to the name of the program the object puts there
 */
record MapDeclaration(MapSpec spec, int section, long offset, long size, boolean globalData, long valuesOffset,
                      Map<Integer, String> initialPrograms) {
    boolean contains(long sectionOffset) {
        return sectionOffset >= offset && sectionOffset - offset < size;
    }

    MapDeclaration withInitialPrograms(Map<Integer, String> programs) {
        return new MapDeclaration(spec, section, offset, size, globalData, valuesOffset, Map.copyOf(programs));
    }
}
