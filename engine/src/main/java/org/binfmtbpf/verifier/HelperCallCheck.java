package org.binfmtbpf.verifier;

import org.binfmtbpf.helpers.ArgKind;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.helpers.HelperPrototype;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * A call to a helper (the kernel's check_helper_call): every argument register checked against
 * the helper's {@link HelperPrototype}, memory arguments proven readable (and initialised) or
 * writable for their whole size, then r1-r5 scratched and r0 typed by the return kind.
 */
final class HelperCallCheck {
    /** BPF_MAX_VAR_SIZ: a memory size argument must stay below 2^29. */
    private static final long MAX_VAR_SIZE = 1L << 29;

    private HelperCallCheck() {}

    static void check(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        if (insn.dst() != 0 || insn.off() != 0) {
            throw Rejection.at(pc, "BPF_CALL uses reserved fields");
        }
        Helper h = env.program.helpers() == null ? null : env.program.helpers().get(insn.imm());
        if (h == null) {
            throw Rejection.at(pc, "invalid func unknown#%d", insn.imm());
        }
        String name = h.name() + "#" + h.id();
        HelperPrototype proto = h.prototype();
        FrameState f = st.current();
        MapRef map = null;
        for (int a = 1; a <= 5; a++) {
            ArgKind kind = proto.arg(a);
            if (kind == ArgKind.NONE) {
                continue;
            }
            RegisterState v = Registers.read(f, a, pc);
            switch (kind) {
                case ANYTHING -> { }
                case CONST_MAP_PTR -> {
                    if (!(v instanceof Pointer p && p.kind() == PointerKind.CONST_PTR_TO_MAP)) {
                        throw Rejection.at(pc, "R%d type=%s expected=map_ptr", a, typeName(v));
                    }
                    map = p.map();
                    checkMapCompatible(pc, map, h, name);
                }
                case PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE -> {
                    if (map == null) {
                        throw Rejection.at(pc, "invalid map_ptr to access map->%s", kind == ArgKind.PTR_TO_MAP_KEY ? "key" : "value");
                    }
                    int size = kind == ArgKind.PTR_TO_MAP_KEY ? map.keySize() : map.valueSize();
                    memory(env, st, pc, a, v, size, size, false);
                }
                case PTR_TO_MEM_READONLY, PTR_TO_UNINIT_MEM -> {
                    ArgKind next = proto.arg(a + 1);
                    if (next != ArgKind.CONST_SIZE && next != ArgKind.CONST_SIZE_OR_ZERO) {
                        throw Rejection.at(pc, "helper %s: a memory argument must be followed by its size", name);
                    }
                    RegisterState sizeReg = Registers.read(f, a + 1, pc);
                    long[] size = size(pc, a + 1, sizeReg, next == ArgKind.CONST_SIZE_OR_ZERO);
                    if (size[1] > 0) {
                        memory(env, st, pc, a, v, size[0], size[1], kind == ArgKind.PTR_TO_UNINIT_MEM);
                    } else if (!(v instanceof Pointer) && !(v instanceof Scalar s && s.bounds().is(0))) {
                        throw Rejection.at(pc, "R%d type=%s expected=fp, map_value, ctx", a, typeName(v));
                    }
                    a++; // the size register is checked
                }
                case CONST_SIZE, CONST_SIZE_OR_ZERO -> size(pc, a, v, kind == ArgKind.CONST_SIZE_OR_ZERO);
                case PTR_TO_CTX -> {
                    if (!(v instanceof Pointer p && p.kind() == PointerKind.CTX)) {
                        throw Rejection.at(pc, "R%d type=%s expected=ctx", a, typeName(v));
                    }
                    if (p.off() != 0 || !p.varOff().is(0)) {
                        throw Rejection.at(pc, "dereference of modified ctx ptr R%d off=%d disallowed", a, p.minOffset());
                    }
                }
                default -> throw Rejection.at(pc, "helper %s: argument kind %s is not supported", name, kind);
            }
        }
        if (h.id() == StandardHelpers.TAIL_CALL) {
            env.hasTailCall[f.function()] = true;
            env.facts.stackMaySeeEarlierRuns(); // the target is verified on its own: it may read what this run left
        }
        if (proto.readsUncheckedMemory()) {
            env.facts.stackMaySeeEarlierRuns();
        }
        Registers.scratchCallerSaved(f);
        f.set(0, switch (proto.returns()) {
            case INTEGER -> Scalar.UNKNOWN;
            case VOID -> RegisterState.NOT_INIT;
            case MAP_VALUE_OR_NULL -> {
                if (map == null) {
                    throw Rejection.at(pc, "helper %s returns a map value but takes no map", name);
                }
                yield new Pointer(PointerKind.MAP_VALUE_OR_NULL, 0, ScalarBounds.constant(0), env.nextId(), map, 0);
            }
        });
    }

    static String typeName(RegisterState v) {
        return v instanceof Pointer p ? p.kind().logName() : "scalar";
    }

    /** Prog arrays serve tail calls only, and tail calls need a prog array (check_map_func_compatibility). */
    private static void checkMapCompatible(int pc, MapRef map, Helper h, String name) {
        boolean progArray = map.type() == MapType.PROG_ARRAY;
        if (progArray != (h.id() == StandardHelpers.TAIL_CALL)) {
            throw Rejection.at(pc, "cannot pass map_type %d into func %s", map.type().kernelId(), name);
        }
    }

    /** A size argument (check_mem_size_reg): a scalar with a known, bounded maximum. Returns {min, max}. */
    private static long[] size(int pc, int regno, RegisterState v, boolean zeroAllowed) {
        if (!(v instanceof Scalar s)) {
            throw Rejection.at(pc, "R%d type=%s expected=scalar", regno, typeName(v));
        }
        ScalarBounds b = s.bounds();
        if (b.smin() < 0) {
            throw Rejection.at(pc, "R%d min value is negative, either use unsigned or 'var &= const'", regno);
        }
        if (b.umin() == 0 && !zeroAllowed) {
            throw Rejection.at(pc, "R%d invalid zero-sized read: u64=[%d,%d]", regno, b.umin(), b.umax());
        }
        if (Long.compareUnsigned(b.umax(), MAX_VAR_SIZE) >= 0) {
            throw Rejection.at(pc, "R%d unbounded memory access, use 'var &= const' or 'if (var < const)'", regno);
        }
        return new long[] {b.umin(), b.umax()};
    }

    /**
     * Memory a helper reads (initialised, for [0, maxSize)) or fills: the pointer's region must
     * hold all of it on every path (check_helper_mem_access).
     */
    private static void memory(VerifierEnv env, VerifierState st, int pc, int regno, RegisterState v, long minSize, long maxSize,
                               boolean helperWrites) {
        if (!(v instanceof Pointer p) || p.kind() == PointerKind.MAP_VALUE_OR_NULL || p.kind() == PointerKind.CONST_PTR_TO_MAP) {
            throw Rejection.at(pc, "R%d type=%s expected=fp, map_value, ctx", regno, typeName(v));
        }
        long lo = p.minOffset();
        long hi = p.maxOffset() + maxSize;
        switch (p.kind()) {
            case CTX -> {
                if (lo < 0 || hi > env.contextSize || (helperWrites && !env.contextWritable)) {
                    throw Rejection.at(pc, "invalid bpf_context access off=%d size=%d", lo < 0 ? lo : p.maxOffset(), maxSize);
                }
            }
            case MAP_VALUE -> {
                if (lo < 0 || hi > p.map().valueSize()) {
                    throw Rejection.at(pc, "invalid access to map value, value_size=%d off=%d size=%d", p.map().valueSize(),
                            lo < 0 ? lo : p.maxOffset(), maxSize);
                }
                if (helperWrites && p.map().readOnly()) {
                    throw Rejection.at(pc, "write into map forbidden, value_size=%d off=%d size=%d", p.map().valueSize(), lo, maxSize);
                }
            }
            case STACK -> stack(env, st, pc, regno, p, lo, hi, helperWrites);
            default -> throw new IllegalStateException();
        }
    }

    private static void stack(VerifierEnv env, VerifierState st, int pc, int regno, Pointer p, long lo, long hi, boolean helperWrites) {
        if (lo < -StackState.SIZE || hi > 0) {
            throw Rejection.at(pc, "invalid %s stack R%d off=%d size=%d", helperWrites ? "write to" : "read from", regno, lo, hi - lo);
        }
        FrameState owner = st.frame(p.frameNo());
        env.noteStackUse(owner.function(), lo);
        StackState stack = owner.stack();
        if (helperWrites) {
            if (p.fixedOffset()) {
                stack.fill((int) lo, (int) (hi - lo));
            } else {
                stack.writeVariable(lo, p.maxOffset(), (int) (hi - p.maxOffset()));
            }
            return;
        }
        Integer bad = stack.firstUninitialised((int) lo, (int) (hi - lo));
        if (bad != null) {
            throw Rejection.at(pc, "invalid indirect read from stack R%d off %d+%d size %d", regno, lo, bad - lo, hi - lo);
        }
    }
}
