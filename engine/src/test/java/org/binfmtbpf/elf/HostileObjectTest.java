package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.helpers.HelperRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile objects: whatever is done to a real corpus object, loading it either
 * succeeds or ends in a one-line {@link ElfFormatException}; never another exception, never
 * an OutOfMemoryError. Mutations are seeded per object, so a failure names what reproduces it.
 */
class HostileObjectTest {
    private static final int MUTATIONS_PER_OBJECT = 300;
    private static final long[] EXTREMES = {0, 1, 7, 8, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffffL, 0x80000000L, 0xffffffffL,
            Long.MAX_VALUE, -1L, Long.MIN_VALUE, 0x100000000L};
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
        for (int i = 0; i < MUTATIONS_PER_OBJECT; i++) {
            byte[] mutated = original.clone();
            String how = mutate(mutated, random);
            byte[] input = how.startsWith("truncate") ? Arrays.copyOf(mutated, random.nextInt(original.length)) : mutated;
            try {
                ElfLoader.load(input, object, HELPERS).close();
            } catch (ElfFormatException e) {
                rejected++;
                assertFalse(e.getMessage().contains("\n"), "multi-line message: " + e.getMessage());
                assertTrue(e.getMessage().startsWith(object + ": "), e.getMessage());
            } catch (Throwable t) {
                fail(object + " mutation " + i + " (seed " + seed + ", " + how + ") threw " + t, t);
            }
        }
        assertTrue(rejected > MUTATIONS_PER_OBJECT / 10, "mutations should mostly break the object; only " + rejected + " did");
    }

    /** Applies one random mutation and says what it did. */
    private static String mutate(byte[] b, Random random) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = (int) Math.min(le.getLong(0x28), b.length);
        int shnum = le.getShort(0x3c) & 0xffff;
        switch (random.nextInt(6)) {
            case 0 -> {
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return "flip " + n + " bits";
            }
            case 1 -> {
                return "truncate";
            }
            case 2 -> {
                int[] fields = {0x04, 0x05, 0x10, 0x12, 0x28, 0x3a, 0x3c, 0x3e};
                int at = fields[random.nextInt(fields.length)];
                putExtreme(le, at, at >= 0x28 && at < 0x30 ? 8 : at >= 0x3a || at == 0x10 || at == 0x12 ? 2 : 1, random);
                return "ELF header field 0x" + Integer.toHexString(at);
            }
            case 3 -> {
                int s = random.nextInt(Math.max(1, shnum));
                int[] offsets = {0, 4, 8, 0x18, 0x20, 0x28, 0x2c, 0x38};
                int field = offsets[random.nextInt(offsets.length)];
                int at = shoff + s * 64 + field;
                if (at + 8 <= b.length) {
                    putExtreme(le, at, field == 0 || field == 4 || field == 0x28 || field == 0x2c ? 4 : 8, random);
                }
                return "section #" + s + " header field 0x" + Integer.toHexString(field);
            }
            case 4 -> {
                // A 4- or 8-byte extreme anywhere: counts, offsets and ids inside symbols, relocations and BTF.
                int at = random.nextInt(b.length - 8) & ~3;
                putExtreme(le, at, random.nextBoolean() ? 4 : 8, random);
                return "word at 0x" + Integer.toHexString(at);
            }
            default -> {
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(64));
                byte[] junk = new byte[len];
                random.nextBytes(junk);
                System.arraycopy(junk, 0, b, at, len);
                return len + " random bytes at 0x" + Integer.toHexString(at);
            }
        }
    }

    private static void putExtreme(ByteBuffer le, int at, int size, Random random) {
        long v = EXTREMES[random.nextInt(EXTREMES.length)];
        if (random.nextInt(4) == 0) {
            v = le.capacity() - random.nextInt(16);
        }
        switch (size) {
            case 1 -> le.put(at, (byte) v);
            case 2 -> le.putShort(at, (short) v);
            case 4 -> le.putInt(at, (int) v);
            default -> le.putLong(at, v);
        }
    }

    @Test
    void emptyAndTinyInputsNameTheElfHeader() {
        for (byte[] input : new byte[][] {{}, {0x7f}, {0x7f, 'E', 'L', 'F'}, new byte[63]}) {
            ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(input, "tiny.o", HELPERS));
            assertTrue(e.getMessage().startsWith("tiny.o: ELF header at offset 0x0: "), e.getMessage());
        }
    }
}
