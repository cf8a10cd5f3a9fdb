package org.binfmtbpf.btf;

/**
 * One {@code struct bpf_line_info} from {@code .BTF.ext}, with its strings resolved.
 *
 * @param instructionOffset byte offset of the instruction within its ELF section
 * @param file              the source file name
 * @param text              the source line's text
 * @param line              1-based line number
 * @param column            1-based column, 0 when unknown
 */
public record LineInfo(long instructionOffset, String file, String text, int line, int column) {}
