package org.binfmtbpf.elf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed ELF64 little-endian EM_BPF relocatable object: its section headers, the symbol
 * table and the REL sections, all validated against the file's bounds. Nothing is allocated
 * before its count has been checked against the bytes that would have to hold it.
 */
public final class ElfFile {
    static final int EM_BPF = 247;
    private static final int ET_REL = 1;
    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int REL_SIZE = 16;

    private final byte[] bytes;
    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;
    private final Map<Integer, ElfSection> relocationSections;

    private ElfFile(byte[] bytes, List<ElfSection> sections, List<ElfSymbol> symbols,
                    Map<Integer, ElfSection> relocationSections) {
        this.bytes = bytes;
        this.sections = sections;
        this.symbols = symbols;
        this.relocationSections = relocationSections;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    public ElfSection section(int index) {
        return sections.get(index);
    }

    /** The first section called {@code name}, or null. */
    public ElfSection section(String name) {
        for (ElfSection s : sections) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** A bounds-checked view on a section's contents (empty for SHT_NOBITS). */
    ElfBytes contents(ElfSection s) {
        return new ElfBytes(bytes, s.offset(), s.hasFileContents() ? s.size() : 0, s.label());
    }

    /** A copy of a section's contents; zeros for SHT_NOBITS. */
    public byte[] data(ElfSection s) {
        if (!s.hasFileContents()) {
            return new byte[(int) s.size()];
        }
        return Arrays.copyOfRange(bytes, s.offset(), s.offset() + (int) s.size());
    }

    /** The symbol at {@code index}, or an error naming {@code where}. */
    ElfSymbol symbol(int index, ElfBytes where, long pos) {
        if (index <= 0 || index >= symbols.size()) {
            throw where.error(pos, "symbol index " + index + " out of range (" + symbols.size() + " symbols)");
        }
        return symbols.get(index);
    }

    /** The relocations that apply to section {@code target}, in file order (empty if none). */
    public List<ElfRelocation> relocations(ElfSection target) {
        ElfSection rel = relocationSections.get(target.index());
        if (rel == null) {
            return List.of();
        }
        ElfBytes in = contents(rel);
        int count = (int) (rel.size() / REL_SIZE);
        List<ElfRelocation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long pos = (long) i * REL_SIZE;
            long offset = in.u64(pos, "r_offset");
            long info = in.u64(pos + 8, "r_info");
            out.add(new ElfRelocation(offset, (int) info, (int) (info >>> 32), in.fileOffset(pos)));
        }
        return out;
    }

    /** The REL section that applies to {@code target}, or null. */
    ElfSection relocationSection(ElfSection target) {
        return relocationSections.get(target.index());
    }

    public static ElfFile parse(byte[] bytes) {
        ElfBytes in = ElfBytes.of(bytes);
        checkIdent(in);
        long shoff = in.u64(0x28, "e_shoff");
        int shentsize = in.u16(0x3a, "e_shentsize");
        int shnum = in.u16(0x3c, "e_shnum");
        int shstrndx = in.u16(0x3e, "e_shstrndx");
        if (shentsize != SHDR_SIZE) {
            throw in.error(0x3a, "e_shentsize " + shentsize + ", expected " + SHDR_SIZE);
        }
        if (shnum == 0) {
            throw in.error(0x3c, "no section headers (e_shnum 0; extended numbering is not supported)");
        }
        if (shoff < EHDR_SIZE || shoff > bytes.length || (long) shnum * SHDR_SIZE > bytes.length - shoff) {
            throw in.error(0x28, "section header table [0x" + Long.toHexString(shoff) + ", +" + shnum + " x 64) outside the file ("
                    + bytes.length + " bytes)");
        }
        if (shstrndx == 0 || shstrndx >= shnum) {
            throw in.error(0x3e, "e_shstrndx " + shstrndx + " out of range (" + shnum + " sections)");
        }
        ElfBytes table = new ElfBytes(bytes, shoff, (long) shnum * SHDR_SIZE, "section header table");
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            raw[i] = readHeader(table, i, bytes.length);
        }
        checkOverlaps(raw, shoff, (long) shnum * SHDR_SIZE, table);
        long[] strtab = raw[shstrndx];
        if (strtab[1] != ElfSection.SHT_STRTAB) {
            throw table.error((long) shstrndx * SHDR_SIZE, "e_shstrndx names section #" + shstrndx + ", which is not a string table");
        }
        ElfBytes names = new ElfBytes(bytes, strtab[3], strtab[4], "section #" + shstrndx + " (section names)");
        List<ElfSection> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long[] h = raw[i];
            String name = i == 0 ? "" : names.cString(h[0], "section #" + i + " name");
            sections.add(new ElfSection(i, name, (int) h[1], h[2], (int) h[3], h[4], (int) h[5], (int) h[6], h[7]));
        }
        ElfFile partial = new ElfFile(bytes, List.copyOf(sections), List.of(), Map.of());
        List<ElfSymbol> symbols = readSymbols(partial, sections);
        Map<Integer, ElfSection> rels = readRelocationSections(partial, sections, symbols.size());
        return new ElfFile(bytes, List.copyOf(sections), List.copyOf(symbols), rels);
    }

    private static void checkIdent(ElfBytes in) {
        if (in.length() < EHDR_SIZE) {
            throw in.error(0, "file too short for an ELF header (" + in.length() + " bytes)");
        }
        if (in.s32(0, "e_ident magic") != 0x464c457f) {
            throw in.error(0, "not an ELF file (bad magic)");
        }
        if (in.u8(4, "EI_CLASS") != 2) {
            throw in.error(4, "EI_CLASS " + in.u8(4, "EI_CLASS") + ": only 64-bit (ELFCLASS64) objects are BPF objects");
        }
        if (in.u8(5, "EI_DATA") != 1) {
            throw in.error(5, "EI_DATA " + in.u8(5, "EI_DATA") + ": only little-endian BPF objects are supported");
        }
        if (in.u8(6, "EI_VERSION") != 1) {
            throw in.error(6, "EI_VERSION " + in.u8(6, "EI_VERSION") + " unknown");
        }
        if (in.u16(0x10, "e_type") != ET_REL) {
            throw in.error(0x10, "e_type " + in.u16(0x10, "e_type") + ": not a relocatable object (ET_REL)");
        }
        if (in.u16(0x12, "e_machine") != EM_BPF) {
            throw in.error(0x12, "e_machine " + in.u16(0x12, "e_machine") + ": not a BPF object (EM_BPF 247)");
        }
    }

    /** {name, type, flags, offset, size, link, info, entsize}, with the contents checked to lie in the file. */
    private static long[] readHeader(ElfBytes table, int i, int fileLength) {
        long p = (long) i * SHDR_SIZE;
        long type = table.u32(p + 4, "sh_type");
        long offset = table.u64(p + 0x18, "sh_offset");
        long size = table.u64(p + 0x20, "sh_size");
        if (i != 0 && type != 0 && type != ElfSection.SHT_NOBITS
                && (offset < 0 || size < 0 || offset > fileLength || size > fileLength - offset)) {
            throw table.error(p, "section #" + i + " contents [0x" + Long.toHexString(offset) + ", +0x" + Long.toHexString(size)
                    + ") outside the file (" + fileLength + " bytes)");
        }
        if (type == ElfSection.SHT_NOBITS && (size < 0 || size > Integer.MAX_VALUE)) {
            throw table.error(p + 0x20, "section #" + i + " size 0x" + Long.toHexString(size) + " too large");
        }
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            offset = 0; // NOBITS or NULL sections: the offset means nothing
        }
        return new long[] {table.u32(p, "sh_name"), type, table.u64(p + 8, "sh_flags"), offset, size,
                table.u32(p + 0x28, "sh_link"), table.u32(p + 0x2c, "sh_info"), table.u64(p + 0x38, "sh_entsize")};
    }

    /** No two sections' contents, the ELF header or the section header table may share a byte. */
    private static void checkOverlaps(long[][] raw, long shoff, long shsize, ElfBytes table) {
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] {0, EHDR_SIZE, -1});
        ranges.add(new long[] {shoff, shoff + shsize, -2});
        for (int i = 1; i < raw.length; i++) {
            long[] h = raw[i];
            if (h[1] != 0 && h[1] != ElfSection.SHT_NOBITS && h[4] > 0) {
                ranges.add(new long[] {h[3], h[3] + h[4], i});
            }
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        for (int i = 1; i < ranges.size(); i++) {
            long[] a = ranges.get(i - 1);
            long[] b = ranges.get(i);
            if (b[0] < a[1]) {
                throw table.error(b[2] >= 0 ? b[2] * SHDR_SIZE : 0, describe(b[2]) + " overlaps " + describe(a[2]));
            }
        }
    }

    private static String describe(long index) {
        return index == -1 ? "the ELF header" : index == -2 ? "the section header table" : "section #" + index;
    }

    private static List<ElfSymbol> readSymbols(ElfFile file, List<ElfSection> sections) {
        ElfSection symtab = null;
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_SYMTAB) {
                if (symtab != null) {
                    throw ElfFormatException.at(s.label(), s.offset(), "more than one symbol table");
                }
                symtab = s;
            }
        }
        if (symtab == null) {
            throw new ElfFormatException("no symbol table (.symtab): programs are found through their symbols");
        }
        if (symtab.entsize() != SYM_SIZE || symtab.size() % SYM_SIZE != 0) {
            throw ElfFormatException.at(symtab.label(), symtab.offset(), "sh_entsize " + symtab.entsize() + " / size "
                    + symtab.size() + " do not describe " + SYM_SIZE + "-byte symbols");
        }
        if (symtab.link() <= 0 || symtab.link() >= sections.size() || sections.get(symtab.link()).type() != ElfSection.SHT_STRTAB) {
            throw ElfFormatException.at(symtab.label(), symtab.offset(), "sh_link " + symtab.link() + " is not a string table");
        }
        ElfBytes in = file.contents(symtab);
        ElfSection strtab = sections.get(symtab.link());
        ElfBytes names = file.contents(strtab);
        int count = (int) (symtab.size() / SYM_SIZE);
        List<ElfSymbol> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long p = (long) i * SYM_SIZE;
            long nameOff = in.u32(p, "st_name");
            int info = in.u8(p + 4, "st_info");
            int shndx = in.u16(p + 6, "st_shndx");
            if (shndx != ElfSymbol.SHN_UNDEF && shndx < ElfSymbol.SHN_LORESERVE && shndx >= sections.size()) {
                throw in.error(p + 6, "symbol #" + i + " is in section #" + shndx + ", beyond the " + sections.size() + " sections");
            }
            String name = nameOff == 0 ? "" : names.cString(nameOff, "symbol #" + i + " name");
            symbols.add(new ElfSymbol(i, name, in.u64(p + 8, "st_value"), in.u64(p + 16, "st_size"), info & 0xf, info >>> 4, shndx));
        }
        return symbols;
    }

    private static Map<Integer, ElfSection> readRelocationSections(ElfFile file, List<ElfSection> sections, int symbolCount) {
        Map<Integer, ElfSection> byTarget = new HashMap<>();
        for (ElfSection s : sections) {
            if (s.type() != ElfSection.SHT_REL) {
                continue;
            }
            if (s.entsize() != REL_SIZE || s.size() % REL_SIZE != 0) {
                throw ElfFormatException.at(s.label(), s.offset(), "sh_entsize " + s.entsize() + " / size " + s.size()
                        + " do not describe " + REL_SIZE + "-byte Elf64_Rel entries");
            }
            if (s.info() <= 0 || s.info() >= sections.size()) {
                throw ElfFormatException.at(s.label(), s.offset(), "sh_info " + s.info() + " names no section");
            }
            if (byTarget.put(s.info(), s) != null) {
                throw ElfFormatException.at(s.label(), s.offset(), "second relocation section for section #" + s.info());
            }
        }
        return Map.copyOf(byTarget);
    }
}
