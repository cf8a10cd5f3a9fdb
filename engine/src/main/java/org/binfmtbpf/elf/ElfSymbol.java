package org.binfmtbpf.elf;

/**
 * One symbol table entry (Elf64_Sym), its name resolved.
 *
 * @param index   index in .symtab
 * @param name    name ("" for section symbols and unnamed entries)
 * @param value   st_value: for a defined symbol of a relocatable object, the offset in its section
 * @param size    st_size
 * @param type    ELF64_ST_TYPE (STT_NOTYPE 0, OBJECT 1, FUNC 2, SECTION 3, FILE 4)
 * @param bind    ELF64_ST_BIND (STB_LOCAL 0, GLOBAL 1, WEAK 2)
 * @param section st_shndx
 */
public record ElfSymbol(int index, String name, long value, long size, int type, int bind, int section) {
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STB_LOCAL = 0;
    public static final int SHN_UNDEF = 0;
    /** Indexes from here up are reserved (SHN_ABS, SHN_COMMON, ...), not sections. */
    public static final int SHN_LORESERVE = 0xff00;

    public boolean isFunction() {
        return type == STT_FUNC;
    }
}
