package org.binfmtbpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.binfmtbpf.isa.InstructionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verifier difference can be made again: its class keeps the seeds of its first cases, and
 * its file names both verdicts, the command for the case and the program's exact slots.
 */
class VerifierDifferenceTest {

    @Test
    void eachClassKeepsItsCountAndItsFirstSeeds() {
        VerifierAgreement a = new VerifierAgreement();
        assertFalse(a.record(1, null, null));
        assertFalse(a.record(2, "insn 3: div by zero", "div by zero"));
        for (long seed = 10; seed < 10 + VerifierAgreement.SEEDS_KEPT + 5; seed++) {
            assertTrue(a.record(seed, "insn " + seed + ": R5 invalid mem access 'scalar'", null));
        }
        assertTrue(a.record(99, null, "misaligned stack access off 0+0+-6 size 8"));

        assertEquals(1, a.bothAccept());
        assertEquals(1, a.bothRefuse());
        VerifierAgreement.Example refusedHere = a.kernelOnlyAccepts().values().iterator().next();
        assertEquals(VerifierAgreement.SEEDS_KEPT + 5, refusedHere.count());
        assertEquals(VerifierAgreement.SEEDS_KEPT, refusedHere.seeds().size());
        assertEquals(10, refusedHere.seed());
        assertEquals(List.of(99L), a.oursOnlyAccepts().values().iterator().next().seeds());
    }

    @Test
    void theFileHoldsBothVerdictsTheCommandAndTheExactSlots(@TempDir Path dir) throws Exception {
        FuzzCase c = FuzzCase.generate(4242, RandomProgram.Profile.KERNEL);
        Path file = VerifierDifferenceFile.write(dir, c, null, "div by zero");

        assertEquals("verifier-4242.txt", file.getFileName().toString());
        String text = Files.readString(file);
        assertTrue(text.contains("# ours:   accepts\n"), text);
        assertTrue(text.contains("# kernel: refuses: div by zero\n"), text);
        assertTrue(text.contains("binfmt-bpf fuzz --seed 4242 --count 1 --oracle interp,kernel"), text);
        String raw = text.substring(text.indexOf("-- raw\n") + 7);
        long[] slots = raw.lines().mapToLong(l -> Long.parseUnsignedLong(l.substring(2), 16)).toArray();
        assertArrayEquals(InstructionCodec.encodeSlots(c.slots()), slots);
    }
}
