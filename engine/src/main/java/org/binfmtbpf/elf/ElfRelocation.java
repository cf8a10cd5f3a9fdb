package org.binfmtbpf.elf;

/**
 * One REL entry (Elf64_Rel): at byte {@code offset} of the target section, relocation
 * {@code type} against symbol {@code symbol}. BPF objects use REL, never RELA: any addend
 * lives in the instruction or data being relocated.
 */
public record ElfRelocation(long offset, int type, int symbol, long fileOffset) {
    /** No relocation. */
    public static final int R_BPF_NONE = 0;
    /** LD_IMM64 of a map or global variable in a program section. */
    public static final int R_BPF_64_64 = 1;
    /** 64-bit absolute address in a data section (.maps prog array slots, DWARF). */
    public static final int R_BPF_64_ABS64 = 2;
    /** 32-bit absolute address in a data section (.BTF, DWARF). */
    public static final int R_BPF_64_ABS32 = 3;
    /** 32-bit value no dynamic loader may touch (.BTF.ext instruction offsets). */
    public static final int R_BPF_64_NODYLD32 = 4;
    /** A call to a BPF function (src=1 call) in a program section. */
    public static final int R_BPF_64_32 = 10;

    public static boolean known(int type) {
        return type == R_BPF_NONE || type == R_BPF_64_64 || type == R_BPF_64_ABS64 || type == R_BPF_64_ABS32
                || type == R_BPF_64_NODYLD32 || type == R_BPF_64_32;
    }
}
