package org.binfmtbpf.elf;

/**
 * A function symbol's instructions: slots {@code [start, end)} of a code section. Main
 * programs live in program sections; subprograms in {@code .text}.
 */
record CodeFunction(String name, CodeSection section, int start, int end, boolean local) {
    boolean contains(int slot) {
        return slot >= start && slot < end;
    }
}
