package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.binfmtbpf.fuzz.ElfTarget;
import org.binfmtbpf.fuzz.InputResult;
import org.binfmtbpf.helpers.HelperRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile objects: whatever is done to a real corpus object, loading it either
 * succeeds or ends in a one-line {@link ElfFormatException}; never another exception, never
 * an OutOfMemoryError. Mutations ({@link ElfMutator}, also behind {@code fuzz --target elf}) are
 * seeded per object, so a failure names what reproduces it.
 */
class HostileObjectTest {
    private static final int MUTATIONS_PER_OBJECT = 300;
    private static final HelperRegistry HELPERS = Corpus.helpers();

    static List<String> objects() {
        return Corpus.objects();
    }

    @ParameterizedTest
    @MethodSource("objects")
    void mutatedObjectsLoadOrFailWithOneLine(String object) {
        byte[] original = Corpus.bytes(object);
        long seed = object.hashCode();
        Random random = new Random(seed);
        int rejected = 0;
        for (int n = 0; n < MUTATIONS_PER_OBJECT; n++) {
            int i = n;
            ElfMutator.Mutant mutant = ElfMutator.mutate(original, random);
            ElfTarget.Judged judged = ElfTarget.judge(mutant.bytes(), object, HELPERS);
            assertNotEquals(InputResult.Verdict.WRONG, judged.verdict(),
                    () -> object + " mutation " + i + " (seed " + seed + ", " + mutant.how() + "): " + judged.detail());
            if (judged.verdict() == InputResult.Verdict.REFUSED) {
                rejected++;
            }
        }
        assertTrue(rejected > MUTATIONS_PER_OBJECT / 10, "mutations should mostly break the object; only " + rejected + " did");
    }

    @Test
    void emptyAndTinyInputsNameTheElfHeader() {
        for (byte[] input : new byte[][] {{}, {0x7f}, {0x7f, 'E', 'L', 'F'}, new byte[63]}) {
            ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(input, "tiny.o", HELPERS));
            assertTrue(e.getMessage().startsWith("tiny.o: ELF header at offset 0x0: "), e.getMessage());
        }
    }
}
