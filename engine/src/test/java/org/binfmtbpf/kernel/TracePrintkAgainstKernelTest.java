package org.binfmtbpf.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.helpers.PrintkCase;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The return value column of helpers/trace_printk.csv is the kernel's: each row runs as a
 * syscall program calling bpf_trace_printk with the same format and arguments on its stack.
 * (The printed text goes to the kernel's trace buffer, which is not mounted here; the count
 * checks both the acceptance rules and the length of every conversion.)
 */
class TracePrintkAgainstKernelTest {
    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    @ParameterizedTest(name = "\"{0}\" -> {3}")
    @CsvFileSource(resources = "/helpers/trace_printk.csv", delimiter = '|')
    void theKernelReturnsWhatTheDataFileSays(String format, String args, String printed, long result) {
        PrintkCase c = PrintkCase.of(format, args);
        List<Instruction> insns = new ArrayList<>();
        store(insns, PrintkCase.FORMAT_AT, c.format());
        for (int[] s : c.strings()) {
            store(insns, s[0], PrintkCase.string(args, s[1]));
        }
        insns.add(Instruction.of(0xbf, 1, 10, 0, 0));
        insns.add(Instruction.of(0x07, 1, 0, 0, PrintkCase.FORMAT_AT - 512));     // r1 = fmt
        insns.add(Instruction.of(0xb7, 2, 0, 0, c.format().length));            // r2 = fmt_size
        for (int i = 0; i < 3; i++) {
            int reg = 3 + i;
            int index = i;
            if (c.strings().stream().anyMatch(s -> s[1] == index)) {
                insns.add(Instruction.of(0xbf, reg, 10, 0, 0));
                insns.add(Instruction.of(0x07, reg, 0, 0, (int) c.args()[i] - 512));
            } else {
                insns.add(Instruction.ldImm64(reg, 0, c.args()[i]));
            }
        }
        insns.add(Instruction.of(0x85, 0, 0, 0, StandardHelpers.TRACE_PRINTK));
        insns.add(Instruction.of(0x95, 0, 0, 0, 0));
        try (KernelProgram p = KernelBpf.loadProgram("printk", KernelProgram.SYSCALL, InstructionCodec.toSlots(insns), "GPL")) {
            assertEquals(result & 0xffffffffL, p.testRun(new byte[8]), "kernel's bpf_trace_printk return value");
        }
    }

    /** *(u8 *)(r10 - 512 + offset + i) = bytes[i] */
    private static void store(List<Instruction> insns, int offset, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            insns.add(Instruction.of(0x72, 10, 0, offset + i - 512, bytes[i]));
        }
    }
}
