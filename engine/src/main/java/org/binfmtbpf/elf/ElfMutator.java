package org.binfmtbpf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of an ELF object for hostile-input fuzzing: bit flips, truncation, extreme
 * values in ELF header and section header fields, extreme 4- and 8-byte words anywhere (counts,
 * offsets and ids inside symbols, relocations and BTF), random byte runs. The loader must
 * either load a mutant or refuse it with a one-line {@link ElfFormatException}.
 */
public final class ElfMutator {
    private static final long[] EXTREMES = {0, 1, 7, 8, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffffL, 0x80000000L, 0xffffffffL,
            Long.MAX_VALUE, -1L, Long.MIN_VALUE, 0x100000000L};
    /** ELF64 header fields worth breaking: class, data, type, machine, e_shoff, e_shentsize, e_shnum, e_shstrndx. */
    private static final int[] HEADER_FIELDS = {0x04, 0x05, 0x10, 0x12, 0x28, 0x3a, 0x3c, 0x3e};
    /** Section header fields: name, type, flags, offset, size, link, info, entsize. */
    private static final int[] SECTION_FIELDS = {0, 4, 8, 0x18, 0x20, 0x28, 0x2c, 0x38};

    private ElfMutator() {}

    /** A mutated object and what was done to it, in words. */
    public record Mutant(byte[] bytes, String how) {}

    /** One random mutation of {@code original} (at least 64 bytes, an ELF64 little-endian header). */
    public static Mutant mutate(byte[] original, Random random) {
        if (original.length < 64) {
            throw new IllegalArgumentException("an object to mutate needs at least the 64-byte ELF header: " + original.length + " bytes");
        }
        byte[] b = original.clone();
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = (int) Math.max(0, Math.min(le.getLong(0x28), b.length));
        int shnum = le.getShort(0x3c) & 0xffff;
        switch (random.nextInt(6)) {
            case 0 -> {
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return new Mutant(b, "flip " + n + " bits");
            }
            case 1 -> {
                int length = random.nextInt(b.length);
                return new Mutant(Arrays.copyOf(b, length), "truncate to " + length + " bytes");
            }
            case 2 -> {
                int at = HEADER_FIELDS[random.nextInt(HEADER_FIELDS.length)];
                putExtreme(le, at, at >= 0x28 && at < 0x30 ? 8 : at >= 0x3a || at == 0x10 || at == 0x12 ? 2 : 1, random);
                return new Mutant(b, "ELF header field 0x" + Integer.toHexString(at));
            }
            case 3 -> {
                int s = random.nextInt(Math.max(1, shnum));
                int field = SECTION_FIELDS[random.nextInt(SECTION_FIELDS.length)];
                int at = shoff + s * 64 + field;
                if (at + 8 <= b.length) {
                    putExtreme(le, at, field == 0 || field == 4 || field == 0x28 || field == 0x2c ? 4 : 8, random);
                }
                return new Mutant(b, "section #" + s + " header field 0x" + Integer.toHexString(field));
            }
            case 4 -> {
                int at = random.nextInt(b.length - 8) & ~3;
                putExtreme(le, at, random.nextBoolean() ? 4 : 8, random);
                return new Mutant(b, "word at 0x" + Integer.toHexString(at));
            }
            default -> {
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(64));
                byte[] junk = new byte[len];
                random.nextBytes(junk);
                System.arraycopy(junk, 0, b, at, len);
                return new Mutant(b, len + " random bytes at 0x" + Integer.toHexString(at));
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
}
