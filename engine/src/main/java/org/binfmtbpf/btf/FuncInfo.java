package org.binfmtbpf.btf;

/**
 * One {@code struct bpf_func_info} from {@code .BTF.ext}: the function starting at
 * {@code instructionOffset} (bytes, within its ELF section) has BTF FUNC type {@code typeId}.
 */
public record FuncInfo(long instructionOffset, int typeId) {}
