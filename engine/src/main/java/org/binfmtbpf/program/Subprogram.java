package org.binfmtbpf.program;

/**
 * One function of a program: the main program (start 0) or a BPF-to-BPF callee.
 *
 * @param name      symbol name, or {@code "main"} / {@code "f<start>"} when unnamed
 * @param start     index of the first instruction slot
 * @param end       index one past the last slot
 * @param stackSize bytes of stack this function's frame uses, rounded up to 32 (the kernel's rounding)
 */
public record Subprogram(String name, int start, int end, int stackSize) {
    public boolean contains(int pc) {
        return pc >= start && pc < end;
    }
}
