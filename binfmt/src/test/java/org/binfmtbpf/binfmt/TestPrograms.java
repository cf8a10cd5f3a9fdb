package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.program.ProgramType;

/** Programs for tests, written in the conformance suite's assembly syntax. */
final class TestPrograms {
    private TestPrograms() {}

    static RawProgramSource socket(String name, String asm) {
        return RawProgramSource.ofSlots(name, ProgramType.SOCKET_FILTER, ConformanceAssembler.assemble(asm));
    }

    static RawProgramSource binfmt(String name, String asm) {
        return RawProgramSource.ofSlots(name, ProgramType.BINFMT, ConformanceAssembler.assemble(asm));
    }

    /** Skips the calling test, saying why, when no engine is on the class path yet. */
    static void assumeEngine() {
        assumeTrue(!Engines.available().isEmpty(), "no eBPF engine (interp or jit) on the class path: 'B' programs cannot run");
    }

    /** Stores {@code text} as little-endian 8-byte words at r10-512.. and leaves r1 = r10-512, r2 = its length. */
    static String stackString(String text) {
        byte[] bytes = Latin1.bytes(text);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 8) {
            long word = 0;
            for (int j = Math.min(7, bytes.length - 1 - i); j >= 0; j--) {
                word = word << 8 | (bytes[i + j] & 0xff);
            }
            b.append("lddw %r1, 0x").append(Long.toHexString(word)).append('\n');
            b.append("stxdw [%r10-").append(512 - i).append("], %r1\n");
        }
        b.append("mov %r1, %r10\nadd %r1, -512\nmov %r2, ").append(bytes.length).append('\n');
        return b.toString();
    }
}
