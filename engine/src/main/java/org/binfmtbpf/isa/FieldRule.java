package org.binfmtbpf.isa;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What one field of an instruction (dst, src, off or imm) may hold for a given opcode form.
 * RFC 9669 calls a field that an instruction does not use "reserved": it must be zero.
 */
public sealed interface FieldRule {

    boolean accepts(int value);

    /** Completes "dst must be ...", e.g. "0", "a register r0..r10", "one of 16, 32, 64". */
    String describe();

    /** The field is reserved and must be zero. */
    FieldRule ZERO = new OneOf(new int[] {0});
    /** The field names a register: r0..r9 and the read-only frame pointer r10 exist. */
    FieldRule REGISTER = new Register();
    /** The field holds any value (an offset or an immediate the instruction uses). */
    FieldRule ANY = new Any();

    static FieldRule is(int value) {
        return new OneOf(new int[] {value});
    }

    static FieldRule oneOf(int... values) {
        return new OneOf(values.clone());
    }

    record Any() implements FieldRule {
        @Override public boolean accepts(int value) { return true; }
        @Override public String describe() { return "any value"; }
    }

    record Register() implements FieldRule {
        /** The highest register number: r10, the read-only frame pointer. */
        public static final int MAX = 10;

        @Override public boolean accepts(int value) { return value >= 0 && value <= MAX; }
        @Override public String describe() { return "a register r0..r10"; }
    }

    record OneOf(int[] values) implements FieldRule {
        @Override public boolean accepts(int value) {
            for (int v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }

        @Override public String describe() {
            if (values.length == 1) {
                return Integer.toString(values[0]);
            }
            return "one of " + Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        }

        /** The single value this rule fixes, for forms that a field discriminates (sdiv: off 1). */
        public boolean isSingle() { return values.length == 1; }

        @Override public boolean equals(Object o) { return o instanceof OneOf other && Arrays.equals(values, other.values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() { return "OneOf" + Arrays.toString(values); }
    }
}
