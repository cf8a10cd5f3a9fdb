package org.binfmtbpf.binfmt.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.fuzz.CaseRandom;

/**
 * Byte-level mutations of registration lines: one to three deletions, insertions, replacements
 * or truncations, with bytes drawn mostly from the ones that matter to the parser (delimiters,
 * flags, types, escapes, newline). Mutation {@code i} of a run with seed S uses
 * {@code CaseRandom.of(S, i)}, so any one can be made again alone.
 */
public final class RegistrationMutator {
    private static final byte[] ALPHABET = ":\\x0fFPOCME/.\n #|-+9a".getBytes(StandardCharsets.ISO_8859_1);

    private RegistrationMutator() {}

    /** A mutated line: the seed line it came from and the edits, e.g. "insert@4 truncate@20". */
    public record Mutant(RegistrationLine from, String how, byte[] bytes) {}

    /** Mutation {@code index} of a run with seed {@code seed}: a seed line chosen and mutated by {@code CaseRandom.of(seed, index)}. */
    public static Mutant mutate(List<RegistrationLine> seeds, long seed, long index) {
        Random random = CaseRandom.of(seed, index);
        RegistrationLine from = seeds.get(random.nextInt(seeds.size()));
        byte[] b = from.bytes().clone();
        int edits = 1 + random.nextInt(3);
        StringBuilder how = new StringBuilder();
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = 1 + random.nextInt(b.length - 1);
            byte c = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            switch (random.nextInt(4)) {
                case 0 -> { b = delete(b, at); how.append(" delete@").append(at); }
                case 1 -> { b = insert(b, at, c); how.append(" insert@").append(at); }
                case 2 -> { b[at] = c; how.append(" replace@").append(at); }
                default -> { b = Arrays.copyOf(b, at); how.append(" truncate@").append(at); }
            }
        }
        return new Mutant(from, how.toString().strip(), b);
    }

    /** Mutations 0 .. count-1 of a run with seed {@code seed}. */
    public static List<RegistrationLine> mutations(List<RegistrationLine> seeds, int count, long seed) {
        List<RegistrationLine> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Mutant m = mutate(seeds, seed, i);
            out.add(new RegistrationLine("mutation " + i + " of " + m.from().label() + ": " + m.how(), m.bytes()));
        }
        return out;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte c) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = c;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }
}
