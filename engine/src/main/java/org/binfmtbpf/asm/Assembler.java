package org.binfmtbpf.asm;

import org.binfmtbpf.isa.Instruction;

/**
 * One entry point for both assembly syntaxes: llvm's ({@code r0 = 0x1}, what
 * {@link Disassembler} and llvm-objdump print) and the bpf_conformance suite's
 * ({@code mov %r0, 1}). The first line that only one of them can mean decides; a program
 * of lines both read alike ({@code exit}, {@code call 5}, labels) assembles the same either way.
 */
public final class Assembler {
    private Assembler() {}

    public enum Syntax { LLVM, CONFORMANCE }

    public static Instruction[] assemble(String source) {
        return detect(source) == Syntax.LLVM ? LlvmAssembler.assemble(source) : ConformanceAssembler.assemble(source);
    }

    public static Syntax detect(String source) {
        for (String line : source.split("\r?\n")) {
            String code = line.replaceAll("(#|//).*", "").trim();
            if (code.isEmpty() || code.endsWith(":") || code.equals("exit") || code.contains("file format")) continue;
            if (code.contains("%r") || code.contains("[")) return Syntax.CONFORMANCE;
            if (code.contains("=") || code.matches("^(\\d+:.*|<.*|if .*|goto.*|gotol.*|callx .*|ld_pseudo.*|lock \\*.*)")) {
                return Syntax.LLVM;
            }
            if (!code.startsWith("call ")) return Syntax.CONFORMANCE;
        }
        return Syntax.CONFORMANCE;
    }
}
