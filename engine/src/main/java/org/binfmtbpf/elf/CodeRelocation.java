package org.binfmtbpf.elf;

/** What a relocation makes of one instruction of a program or {@code .text} section. */
sealed interface CodeRelocation {
    /** LD_IMM64 of a map: the map handle (libbpf's RELO_LD64, src 1). */
    record MapHandle(int map) implements CodeRelocation {}

    /**
     * LD_IMM64 of global data: the address of the data map's value plus the variable's offset
     * in its section ({@code symbolOffset}) plus the instruction's own imm (libbpf's RELO_DATA, src 2).
     */
    record MapValue(int map, long symbolOffset) implements CodeRelocation {}

    /** A BPF-to-BPF call into {@code .text}: target slot = symbolOffset / 8 + imm + 1 (libbpf's RELO_CALL). */
    record Call(long symbolOffset) implements CodeRelocation {}

    /** LD_IMM64 src 4 of a {@code .text} function: target slot = (symbolOffset + imm) / 8 (RELO_SUBPROG_ADDR). */
    record FunctionAddress(long symbolOffset) implements CodeRelocation {}
}
