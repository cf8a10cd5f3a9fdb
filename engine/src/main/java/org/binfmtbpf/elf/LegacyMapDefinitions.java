package org.binfmtbpf.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;

/**
 * Maps in the legacy {@code maps} section, as libbpf before 1.0 read them: each symbol in the
 * section names one {@code struct bpf_map_def {type, key_size, value_size, max_entries,
 * map_flags}}; all definitions have the same size, the section size divided by their count.
 * A definition larger than the struct must have only zeros beyond the fields libbpf knows.
 */
final class LegacyMapDefinitions {
    private static final int DEF_SIZE = 20;

    private LegacyMapDefinitions() {}

    static List<MapDeclaration> parse(ElfFile file, ElfSection section) {
        List<ElfSymbol> symbols = new ArrayList<>();
        for (ElfSymbol s : file.symbols()) {
            if (s.section() == section.index() && s.type() != ElfSymbol.STT_SECTION && !s.name().isEmpty()) {
                symbols.add(s);
            }
        }
        symbols.sort(Comparator.comparingLong(ElfSymbol::value));
        ElfBytes in = file.contents(section);
        if (symbols.isEmpty() || section.size() % symbols.size() != 0) {
            throw in.error(0, symbols.size() + " map symbols do not divide the " + section.size() + "-byte section evenly");
        }
        long defSize = section.size() / symbols.size();
        List<MapDeclaration> out = new ArrayList<>();
        for (ElfSymbol sym : symbols) {
            long at = sym.value();
            if (at % defSize != 0 || at + defSize > section.size()) {
                throw in.error(Math.min(at, section.size()), "map '" + sym.name() + "' at offset " + at + " is not a whole definition");
            }
            long[] f = new long[5];
            for (int i = 0; i < 5; i++) {
                f[i] = i * 4L + 4 <= defSize ? in.u32(at + i * 4L, "bpf_map_def field") : 0;
            }
            for (long p = DEF_SIZE; p < defSize; p++) {
                if (in.u8(at + p, "bpf_map_def tail") != 0) {
                    throw in.error(at + p, "map '" + sym.name() + "': unknown non-zero field beyond struct bpf_map_def");
                }
            }
            MapType type = MapType.fromKernelId((int) f[0]);
            if (type == null || f[0] > Integer.MAX_VALUE) {
                throw in.error(at, "map '" + sym.name() + "': map type " + f[0] + " is not supported");
            }
            MapSpec spec = new MapSpec(sym.name(), type, (int) f[1], (int) f[2], (int) f[3], (int) f[4], null, false);
            out.add(new MapDeclaration(spec, section.index(), at, defSize, false, -1, Map.of()));
        }
        return out;
    }
}
