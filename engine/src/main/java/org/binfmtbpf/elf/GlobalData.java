package org.binfmtbpf.elf;

import java.util.Map;
import org.binfmtbpf.btf.Btf;
import org.binfmtbpf.btf.BtfType;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;

/**
 * Global data as libbpf maps it: each non-empty {@code .rodata*}, {@code .data*} (PROGBITS) and
 * {@code .bss*} (NOBITS) section becomes a one-element ARRAY map whose value is the section,
 * named the way libbpf names internal maps.
 */
final class GlobalData {
    /** BPF_F_MMAPABLE: libbpf sets it when the section holds a global (non-static) variable. */
    static final int F_MMAPABLE = 1 << 10;
    private static final int OBJ_NAME_LEN = 16; // BPF_OBJ_NAME_LEN, NUL included

    private GlobalData() {}

    static boolean isData(ElfSection s) {
        if (s.size() == 0 || (s.flags() & ElfSection.SHF_EXECINSTR) != 0) {
            return false;
        }
        if (s.type() == ElfSection.SHT_PROGBITS) {
            return isFamily(s.name(), ".data") || isReadOnly(s);
        }
        return s.type() == ElfSection.SHT_NOBITS && isFamily(s.name(), ".bss");
    }

    static boolean isReadOnly(ElfSection s) {
        return s.type() == ElfSection.SHT_PROGBITS && isFamily(s.name(), ".rodata");
    }

    private static boolean isFamily(String name, String base) {
        return name.equals(base) || name.startsWith(base + ".");
    }

    static MapDeclaration declare(ElfFile file, ElfSection s, String objectName, Btf btf) {
        if (s.size() > MapLimits.MAX_ARRAY_BYTES) {
            throw ElfFormatException.at(s.label(), s.offset(), "global data of " + s.size()
                    + " bytes exceeds the loader's limit of " + MapLimits.MAX_ARRAY_BYTES + " bytes");
        }
        boolean readOnly = isReadOnly(s);
        int flags = (readOnly ? MapSpec.F_RDONLY_PROG : 0) | (hasGlobalVariable(btf, s.name()) ? F_MMAPABLE : 0);
        MapSpec spec = new MapSpec(internalName(objectName, s.name()), MapType.ARRAY, 4, (int) s.size(), 1, flags,
                file.data(s), readOnly);
        return new MapDeclaration(spec, s.index(), 0, s.size(), true, -1, Map.of());
    }

    private static boolean hasGlobalVariable(Btf btf, String section) {
        BtfType.DataSec sec = btf == null ? null : btf.dataSection(section);
        if (sec == null) {
            return false;
        }
        for (BtfType.VarSecInfo v : sec.vars()) {
            if (btf.type(v.type()) instanceof BtfType.Var var && var.linkage() != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * libbpf's internal map name: as much of the object name as fits before the section name
     * (which gets at least 7 characters), none of it for custom {@code .data.*}/{@code .rodata.*}
     * sections, 15 characters at most, and characters other than alphanumerics, '_' and '.'
     * replaced by '_'.
     */
    static String internalName(String objectName, String section) {
        int max = OBJ_NAME_LEN - 1;
        int suffix = Math.min(Math.max(7, section.length()), max);
        int prefix = section.indexOf('.', 1) >= 0 ? 0 : Math.min(max - suffix, objectName.length());
        String name = objectName.substring(0, prefix) + section.substring(0, Math.min(suffix, section.length()));
        if (name.length() > max) {
            name = name.substring(0, max);
        }
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.') ? c : '_');
        }
        return out.toString();
    }
}
