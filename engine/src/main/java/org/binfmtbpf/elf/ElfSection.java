package org.binfmtbpf.elf;

/**
 * One section header of the object (Elf64_Shdr), its name resolved.
 *
 * @param index   section index
 * @param name    name from the section header string table
 * @param type    sh_type (SHT_PROGBITS 1, SHT_SYMTAB 2, SHT_STRTAB 3, SHT_NOBITS 8, SHT_REL 9, ...)
 * @param flags   sh_flags (SHF_WRITE 1, SHF_ALLOC 2, SHF_EXECINSTR 4)
 * @param offset  file offset of the contents
 * @param size    size in bytes (for SHT_NOBITS: the memory size, with no file contents)
 * @param link    sh_link
 * @param info    sh_info (for SHT_REL: the index of the section the relocations apply to)
 * @param entsize sh_entsize
 */
public record ElfSection(int index, String name, int type, long flags, int offset, long size, int link, int info,
                         long entsize) {
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final long SHF_WRITE = 1;
    public static final long SHF_EXECINSTR = 4;

    public boolean executable() {
        return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0;
    }

    public boolean hasFileContents() {
        return type != SHT_NOBITS && type != 0;
    }

    /** How error messages name this section. */
    public String label() {
        return "section '" + name + "'";
    }
}
