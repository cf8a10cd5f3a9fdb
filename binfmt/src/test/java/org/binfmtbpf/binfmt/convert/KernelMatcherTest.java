package org.binfmtbpf.binfmt.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.binfmt.BinfmtHelpers;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.Engines;
import org.binfmtbpf.binfmt.MagicEntry;
import org.binfmtbpf.binfmt.RegistrationCorpus;
import org.binfmtbpf.binfmt.fuzz.RegistrationLine;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.kernel.KernelRunner;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.junit.jupiter.api.Test;

/**
 * The code {@link HandlerCompiler} generates is real kernel BPF: each qemu line's matcher,
 * loaded into this machine's kernel as a syscall program (whose context is the header, with
 * the kernel's aligned-read rule), decides every header as the 'M' entry does, and as our
 * engines do. (Helper 212 exists only in the RFC's kernel, so the kernel runs the matcher
 * without the interpreter choice.)
 */
class KernelMatcherTest {

    @Test
    void generatedMatchersRunInTheKernelAndDecideAsTheEntries() {
        assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
        Random random = new Random(212);
        List<String> disagreements = new ArrayList<>();
        int runs = 0;
        for (RegistrationLine line : RegistrationCorpus.qemu()) {
            MagicEntry entry = (MagicEntry) BinfmtMisc.stockLinux(path -> null).register(line.bytes());
            Program program = HandlerCompiler.decisionOnly(entry, ProgramType.SYSCALL).load(BinfmtHelpers.standardRegistry());
            List<Executable> ours = Engines.available().stream().map(e -> e.prepare(program)).toList();
            try (KernelRunner kernel = KernelRunner.load(program)) {
                for (int i = 0; i < 12; i++) {
                    byte[] header = header(entry, random, i % 3);
                    long expected = entry.matches(header) ? 1 : 0;
                    long actual = kernel.run(header).r0();
                    runs++;
                    if (actual != expected) {
                        disagreements.add(line.label() + " header " + i + ": entry " + expected + ", kernel " + actual);
                    }
                    for (Executable e : ours) {
                        if (e.run(header) != expected) {
                            disagreements.add(line.label() + " header " + i + ": entry " + expected + ", engine " + e.run(header));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements, runs + " kernel runs");
    }

    /** kind 0: random; 1: built to match (random don't-care bits); 2: a match with one significant bit flipped. */
    private static byte[] header(MagicEntry entry, Random random, int kind) {
        byte[] h = new byte[256];
        random.nextBytes(h);
        if (kind == 0) {
            return h;
        }
        byte[] magic = entry.magic();
        byte[] mask = entry.mask();
        for (int i = 0; i < magic.length; i++) {
            int keep = mask == null ? 0xff : mask[i] & 0xff;
            h[entry.offset() + i] = (byte) ((magic[i] & keep) | (h[entry.offset() + i] & ~keep));
        }
        if (kind == 2) {
            while (true) {
                int i = random.nextInt(magic.length);
                int bit = 1 << random.nextInt(8);
                if (mask == null || (mask[i] & bit) != 0) {
                    h[entry.offset() + i] ^= (byte) bit;
                    break;
                }
            }
        }
        return h;
    }
}
