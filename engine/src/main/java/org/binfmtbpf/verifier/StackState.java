package org.binfmtbpf.verifier;

import java.util.Arrays;

/**
 * One call frame's stack as the verifier sees it: for each of the 512 bytes below the frame
 * pointer whether it is uninitialised, part of a spilled register, known zero or some other
 * initialised data; and for each 8-byte slot holding a spill, the register state that was
 * spilled (the kernel's slot_type / spilled_ptr). Offsets are relative to the frame pointer,
 * from -512 to -1. Mutable; {@link #copy} when a path forks.
 */
public final class StackState {
    public static final int SIZE = 512;
    public static final int SLOT = 8;

    /** The per-byte slot types, with the kernel's letters for the log. */
    public static final byte INVALID = 0;
    public static final byte SPILL = 1;
    public static final byte MISC = 2;
    public static final byte ZERO = 3;
    private static final char[] LETTER = {'?', 'r', 'm', '0'};

    private final byte[] types;
    private final RegisterState[] spilled;
    /** Index of the lowest byte ever initialised (SIZE when none): hashing and comparing start there. */
    private int low;

    public StackState() {
        this.types = new byte[SIZE];
        this.spilled = new RegisterState[SIZE / SLOT];
        this.low = SIZE;
    }

    private StackState(byte[] types, RegisterState[] spilled, int low) {
        this.types = types;
        this.spilled = spilled;
        this.low = low;
    }

    public StackState copy() {
        return new StackState(types.clone(), spilled.clone(), low);
    }

    private void touch(int index) {
        if (index < low) {
            low = index;
        }
    }

    private static int index(int off) {
        return SIZE + off;
    }

    public byte type(int off) {
        return types[index(off)];
    }

    /** The register spilled in the 8-byte slot containing {@code off}, or null. */
    public RegisterState spilledAt(int off) {
        return spilled[index(off) / SLOT];
    }

    /** Writes {@code size} bytes at {@code off} with the value {@code value} (null: unknown bytes). */
    public void write(int off, int size, RegisterState value) {
        int i = index(off);
        touch(i);
        if (size == SLOT && i % SLOT == 0 && value != null && value.isInit()) {
            Arrays.fill(types, i, i + SLOT, SPILL);
            spilled[i / SLOT] = value;
            return;
        }
        scrubSpills(i, i + size);
        boolean zero = value instanceof RegisterState.Scalar s && s.bounds().is(0);
        Arrays.fill(types, i, i + size, zero ? ZERO : MISC);
    }

    /**
     * A write somewhere in [minOff, maxOff + size): every byte it may reach loses what was known
     * about it; bytes never initialised stay so (the write may not have reached them).
     */
    public void writeVariable(long minOff, long maxOff, int size) {
        int from = index((int) minOff);
        int to = index((int) maxOff) + size;
        scrubSpills(from, to);
        for (int i = from; i < to; i++) {
            if (types[i] != INVALID) {
                types[i] = MISC;
            }
        }
    }

    /** A helper filled [off, off + size) with data of its own. */
    public void fill(int off, int size) {
        int i = index(off);
        touch(i);
        scrubSpills(i, i + size);
        Arrays.fill(types, i, i + size, MISC);
    }

    /** Spills overlapping [from, to) become plain data: their register state is no longer whole. */
    private void scrubSpills(int from, int to) {
        for (int slot = from / SLOT; slot * SLOT < to; slot++) {
            if (spilled[slot] != null) {
                spilled[slot] = null;
                for (int b = slot * SLOT; b < slot * SLOT + SLOT; b++) {
                    if (types[b] == SPILL) {
                        types[b] = MISC;
                    }
                }
            }
        }
    }

    /** The first offset in [off, off + size) that was never written, or null when all were. */
    public Integer firstUninitialised(int off, int size) {
        int i = index(off);
        for (int b = i; b < i + size; b++) {
            if (types[b] == INVALID) {
                return b - SIZE;
            }
        }
        return null;
    }

    /** True when every byte of [off, off + size) is known zero. */
    public boolean allZero(int off, int size) {
        int i = index(off);
        for (int b = i; b < i + size; b++) {
            if (types[b] != ZERO) {
                return false;
            }
        }
        return true;
    }

    /** True when the 8-byte slot at {@code off} (aligned) holds a whole spilled register. */
    public boolean isWholeSpill(int off) {
        int i = index(off);
        if (i % SLOT != 0 || spilled[i / SLOT] == null) {
            return false;
        }
        for (int b = i; b < i + SLOT; b++) {
            if (types[b] != SPILL) {
                return false;
            }
        }
        return true;
    }

    /** True when some byte of [off, off + size) belongs to a spilled register. */
    public boolean touchesSpill(int off, int size) {
        int i = index(off);
        for (int b = i; b < i + size; b++) {
            if (types[b] == SPILL) {
                return true;
            }
        }
        return false;
    }

    /** Lowest offset (most negative) ever initialised, or 0 when none: the depth in use. */
    public int depth() {
        for (int i = low; i < SIZE; i++) {
            if (types[i] != INVALID) {
                return SIZE - i;
            }
        }
        return 0;
    }

    byte[] typesView() {
        return types;
    }

    RegisterState[] spilledView() {
        return spilled;
    }

    /** Replaces every spilled register {@code from} (by identity) with {@code to}. */
    void replaceSpilled(java.util.function.UnaryOperator<RegisterState> f) {
        for (int s = 0; s < spilled.length; s++) {
            if (spilled[s] != null) {
                spilled[s] = f.apply(spilled[s]);
            }
        }
    }

    /** The kernel's notation for initialised slots: {@code fp-8=mmmmmmmm fp-16=0}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int slot = spilled.length - 1; slot >= 0; slot--) {
            int b0 = slot * SLOT;
            boolean any = false;
            for (int b = b0; b < b0 + SLOT; b++) {
                any |= types[b] != INVALID;
            }
            if (!any) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("fp").append(b0 - SIZE).append('=');
            if (isWholeSpill(b0 - SIZE)) {
                sb.append(spilled[slot]);
            } else {
                for (int b = b0 + SLOT - 1; b >= b0; b--) {
                    sb.append(LETTER[types[b]]);
                }
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StackState s)) {
            return false;
        }
        int from = Math.min(low, s.low);
        return Arrays.equals(types, from, SIZE, s.types, from, SIZE)
                && Arrays.equals(spilled, from / SLOT, SIZE / SLOT, s.spilled, from / SLOT, SIZE / SLOT);
    }

    /** Hashes only from {@code low} up: below it every byte is uninitialised. */
    @Override
    public int hashCode() {
        int h = 1;
        for (int i = low; i < SIZE; i++) {
            h = 31 * h + types[i];
        }
        for (int s = low / SLOT; s < spilled.length; s++) {
            h = 31 * h + (spilled[s] == null ? 0 : spilled[s].hashCode());
        }
        return h;
    }
}
