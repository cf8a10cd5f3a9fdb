package org.binfmtbpf.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.btf.Btf;
import org.binfmtbpf.btf.BtfType;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;

/**
 * Maps defined in {@code .maps} through BTF, as libbpf reads them: the {@code .maps} DATASEC
 * lists one variable per map; its struct's members encode the definition. {@code __uint(name, N)}
 * is a pointer to an array of N elements (the number lives in the type, not in the data);
 * {@code __type(name, T)} is a pointer to T (the size of T is the key or value size);
 * {@code __array(values, ...)} is a zero-length array of pointers that relocations fill.
 */
final class BtfMapDefinitions {
    private BtfMapDefinitions() {}

    static List<MapDeclaration> parse(ElfFile file, ElfSection section, Btf btf) {
        if (btf == null) {
            throw ElfFormatException.at(section.label(), section.offset(), "BTF-defined maps need a .BTF section");
        }
        BtfType.DataSec sec = btf.dataSection(section.name());
        if (sec == null) {
            throw ElfFormatException.at(section.label(), section.offset(), "no BTF DATASEC describes the maps");
        }
        List<MapDeclaration> out = new ArrayList<>();
        for (BtfType.VarSecInfo info : sec.vars()) {
            if (!(btf.type(info.type()) instanceof BtfType.Var var)) {
                throw error(section, info.offset(), "DATASEC entry type id " + info.type() + " is not a variable");
            }
            // clang leaves DATASEC offsets 0; like libbpf's btf_fixup_datasec, take them from the ELF symbols.
            ElfSymbol sym = symbolOf(file, section, var.name());
            BtfType.VarSecInfo placed = new BtfType.VarSecInfo(info.type(), sym.value(), info.size());
            if (sym.value() < 0 || sym.value() > section.size() || placed.size() > section.size() - sym.value()) {
                throw error(section, 0, "map '" + var.name() + "' [" + sym.value() + ", +" + info.size()
                        + ") runs past the section");
            }
            out.add(parseOne(section, btf, var, placed));
        }
        return out;
    }

    private static MapDeclaration parseOne(ElfSection section, Btf btf, BtfType.Var var, BtfType.VarSecInfo info) {
        String name = var.name();
        if (!(btf.type(btf.skipModifiers(var.type())) instanceof BtfType.Composite def) || def.kind() != org.binfmtbpf.btf.BtfKind.STRUCT) {
            throw error(section, info.offset(), "map '" + name + "': definition is not a struct");
        }
        if (info.size() < def.size()) {
            throw error(section, info.offset(), "map '" + name + "': variable is smaller than its definition");
        }
        long type = -1, maxEntries = 0, flags = 0, keySize = 0, valueSize = 0;
        long valuesOffset = -1;
        for (BtfType.Member m : def.members()) {
            String field = m.name();
            switch (field) {
                case "type" -> type = uintField(section, btf, name, m, info);
                case "max_entries" -> maxEntries = uintField(section, btf, name, m, info);
                case "map_flags" -> flags = uintField(section, btf, name, m, info);
                case "key_size" -> keySize = agree(section, info, name, "key_size", keySize, uintField(section, btf, name, m, info));
                case "value_size" -> valueSize = agree(section, info, name, "value_size", valueSize, uintField(section, btf, name, m, info));
                case "key" -> keySize = agree(section, info, name, "key", keySize, pointeeSize(section, btf, name, m, info));
                case "value" -> valueSize = agree(section, info, name, "value", valueSize, pointeeSize(section, btf, name, m, info));
                case "numa_node", "map_extra", "pinning" -> uintField(section, btf, name, m, info);
                case "values" -> {
                    if (type != MapType.PROG_ARRAY.kernelId()) {
                        throw error(section, info.offset(), "map '" + name + "': 'values' is only supported for prog arrays here");
                    }
                    checkValuesArray(section, btf, name, m, info);
                    valueSize = agree(section, info, name, "values", valueSize, 4);
                    valuesOffset = m.bitOffset() / 8;
                }
                default -> throw error(section, info.offset(), "map '" + name + "': unknown field '" + field + "'");
            }
        }
        if (type < 0) {
            throw error(section, info.offset(), "map '" + name + "': no map type");
        }
        MapType mapType = MapType.fromKernelId((int) type);
        if (mapType == null) {
            throw error(section, info.offset(), "map '" + name + "': map type " + type + " is not supported");
        }
        MapSpec spec = new MapSpec(name, mapType, (int) keySize, (int) valueSize, (int) maxEntries, (int) flags, null, false);
        return new MapDeclaration(spec, section.index(), info.offset(), info.size(), false, valuesOffset, Map.of());
    }

    private static ElfSymbol symbolOf(ElfFile file, ElfSection section, String name) {
        for (ElfSymbol s : file.symbols()) {
            if (s.section() == section.index() && s.name().equals(name) && s.type() != ElfSymbol.STT_SECTION) {
                return s;
            }
        }
        throw error(section, 0, "map '" + name + "' has no ELF symbol");
    }

    /** {@code __uint(name, N)}: pointer to an array of N elements. */
    private static long uintField(ElfSection section, Btf btf, String map, BtfType.Member m, BtfType.VarSecInfo info) {
        if (btf.type(btf.skipModifiers(m.type())) instanceof BtfType.Ptr p
                && btf.type(p.type()) instanceof BtfType.Array a) {
            return a.elements();
        }
        throw error(section, info.offset(), "map '" + map + "': field '" + m.name() + "' is not a __uint (pointer to array)");
    }

    /** {@code __type(name, T)}: pointer to T; the field's value is sizeof(T). */
    private static long pointeeSize(ElfSection section, Btf btf, String map, BtfType.Member m, BtfType.VarSecInfo info) {
        if (btf.type(btf.skipModifiers(m.type())) instanceof BtfType.Ptr p) {
            return btf.sizeOf(p.type());
        }
        throw error(section, info.offset(), "map '" + map + "': field '" + m.name() + "' is not a __type (pointer)");
    }

    /** {@code __array(values, int (void *))}: a zero-length array of pointers to function prototypes. */
    private static void checkValuesArray(ElfSection section, Btf btf, String map, BtfType.Member m, BtfType.VarSecInfo info) {
        if (btf.type(btf.skipModifiers(m.type())) instanceof BtfType.Array a && a.elements() == 0
                && btf.type(btf.skipModifiers(a.elementType())) instanceof BtfType.Ptr p
                && btf.type(btf.skipModifiers(p.type())) instanceof BtfType.FuncProto) {
            return;
        }
        throw error(section, info.offset(), "map '" + map + "': 'values' must be a zero-length array of program pointers");
    }

    /** A size given twice (say key_size and key) must agree, as libbpf insists. */
    private static long agree(ElfSection section, BtfType.VarSecInfo info, String map, String field, long previous, long value) {
        if (value > Integer.MAX_VALUE) {
            throw error(section, info.offset(), "map '" + map + "': " + field + " " + value + " too large");
        }
        if (previous != 0 && previous != value) {
            throw error(section, info.offset(), "map '" + map + "': " + field + " size " + value + " conflicts with " + previous);
        }
        return value;
    }

    private static ElfFormatException error(ElfSection section, long offset, String problem) {
        return ElfFormatException.at(section.label(), section.offset() + offset, problem);
    }
}
