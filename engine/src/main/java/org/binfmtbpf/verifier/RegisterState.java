package org.binfmtbpf.verifier;

/**
 * What the verifier knows about one register (or one spilled stack slot): not initialised,
 * a scalar, or a pointer of some kind. Immutable; the abstract state replaces a register's
 * value instead of changing it.
 */
public sealed interface RegisterState permits RegisterState.NotInit, RegisterState.Scalar, RegisterState.Pointer {

    NotInit NOT_INIT = new NotInit();

    /** Never written: reading it is an error ("R3 !read_ok"). */
    record NotInit() implements RegisterState {
        @Override
        public String toString() {
            return "?";
        }
    }

    /**
     * A number. {@code id} links copies made by register moves: a bound learnt about one of
     * them on a branch holds for all (0: not linked).
     */
    record Scalar(ScalarBounds bounds, int id) implements RegisterState {
        public static final Scalar UNKNOWN = new Scalar(ScalarBounds.unknown(), 0);

        public static Scalar constant(long v) {
            return new Scalar(ScalarBounds.constant(v), 0);
        }

        public static Scalar of(ScalarBounds b) {
            return new Scalar(b, 0);
        }

        public Scalar withBounds(ScalarBounds b) {
            return new Scalar(b, id);
        }

        @Override
        public String toString() {
            return id == 0 || bounds.isConst() ? bounds.toString()
                    : bounds.toString().replaceFirst("^scalar\\(", "scalar(id=" + id + ",");
        }
    }

    /**
     * An address into one region. The address is the region's start + {@code off} + a value in
     * {@code varOff} (the variable part, bounded like a scalar).
     *
     * @param kind    which region
     * @param off     the constant part of the offset
     * @param varOff  the variable part of the offset (constant 0 for most pointers)
     * @param id      for MAP_VALUE_OR_NULL: copies share an id, so one null check covers all
     * @param map     for map handles and map values: which map
     * @param frameNo for STACK: the call frame whose stack this points into
     */
    record Pointer(PointerKind kind, int off, ScalarBounds varOff, int id, MapRef map, int frameNo) implements RegisterState {

        public static Pointer context() {
            return new Pointer(PointerKind.CTX, 0, ScalarBounds.constant(0), 0, null, 0);
        }

        public static Pointer framePointer(int frameNo) {
            return new Pointer(PointerKind.STACK, 0, ScalarBounds.constant(0), 0, null, frameNo);
        }

        public static Pointer mapHandle(MapRef map) {
            return new Pointer(PointerKind.CONST_PTR_TO_MAP, 0, ScalarBounds.constant(0), 0, map, 0);
        }

        public static Pointer mapValue(MapRef map, int off) {
            return new Pointer(PointerKind.MAP_VALUE, off, ScalarBounds.constant(0), 0, map, 0);
        }

        public Pointer withOffset(int newOff, ScalarBounds newVar) {
            return new Pointer(kind, newOff, newVar, id, map, frameNo);
        }

        public Pointer withKind(PointerKind k) {
            return new Pointer(k, off, varOff, k == PointerKind.MAP_VALUE_OR_NULL ? id : 0, map, frameNo);
        }

        /** True when the offset is fully known: off + the constant variable part. */
        public boolean fixedOffset() {
            return varOff.isConst();
        }

        /** The smallest offset the pointer may have (off + smin of the variable part). */
        public long minOffset() {
            return off + varOff.smin();
        }

        /** The largest offset the pointer may have. */
        public long maxOffset() {
            return off + varOff.smax();
        }

        /** The kernel's notation: {@code fp-8}, {@code ctx(off=4)}, {@code map_value(map=m,vs=8,off=0)}. */
        @Override
        public String toString() {
            if (kind == PointerKind.STACK && varOff.is(0)) {
                return "fp" + (off == 0 ? "0" : Integer.toString(off)) + (frameNo == 0 ? "" : "[frame" + frameNo + "]");
            }
            StringBuilder sb = new StringBuilder(kind.logName()).append('(');
            String sep = "";
            if (id != 0) { sb.append("id=").append(id); sep = ","; }
            if (map != null) { sb.append(sep).append("map=").append(map.name()).append(",ks=").append(map.keySize())
                    .append(",vs=").append(map.valueSize()); sep = ","; }
            if (off != 0) { sb.append(sep).append("off=").append(off); sep = ","; }
            if (!varOff.is(0)) { sb.append(sep).append("var=").append(varOff); }
            return sb.append(')').toString();
        }
    }

    default boolean isInit() {
        return !(this instanceof NotInit);
    }

    default boolean isPointer() {
        return this instanceof Pointer;
    }
}
