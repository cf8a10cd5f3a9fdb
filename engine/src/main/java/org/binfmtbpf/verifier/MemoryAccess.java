package org.binfmtbpf.verifier;

import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * Proves one memory access safe (the kernel's check_mem_access): the base register is a
 * pointer that may be dereferenced, every byte of [off, off + size) lies inside its region on
 * every path, the region allows the access, and stack reads only see initialised bytes. Records
 * what it proved for the engines.
 */
final class MemoryAccess {
    private MemoryAccess() {}

    /** One access: who, where, how big, which way. */
    record Request(int pc, int baseReg, int insnOff, int size, boolean write, RegisterState value, boolean signExtend,
                   boolean atomic) {
    }

    /**
     * Checks the access; for a read returns what was loaded, for an atomic what it reads
     * before it writes (the kernel's check_atomic_rmw reads through check_mem_access first,
     * so an atomic fetch from a known stack slot yields the known value).
     */
    static RegisterState check(VerifierEnv env, VerifierState st, Request rq) {
        RegisterState base = Registers.read(st.current(), rq.baseReg(), rq.pc());
        if (!(base instanceof Pointer p)) {
            throw Rejection.at(rq.pc(), "R%d invalid mem access 'scalar'", rq.baseReg());
        }
        switch (p.kind()) {
            case MAP_VALUE_OR_NULL, CONST_PTR_TO_MAP ->
                    throw Rejection.at(rq.pc(), "R%d invalid mem access '%s'", rq.baseReg(), p.kind().logName());
            default -> { }
        }
        long lo = p.minOffset() + rq.insnOff();
        long hi = p.maxOffset() + rq.insnOff();
        return switch (p.kind()) {
            case CTX -> context(env, rq, p, lo, hi);
            case STACK -> stack(env, st, rq, p, lo, hi);
            default -> mapValue(env, rq, p, lo, hi);
        };
    }

    /** As the kernel's log prints a variable offset: its value when known, else the tnum. */
    private static String tnumText(Tnum t) {
        return t.isConst() ? Long.toString(t.value()) : t.toString();
    }

    private static RegisterState loaded(Request rq) {
        return Scalar.of(rq.signExtend() ? ScalarBounds.signedOfSize(rq.size()) : ScalarBounds.unsignedOfSize(rq.size()));
    }

    private static RegisterState context(VerifierEnv env, Request rq, Pointer p, long lo, long hi) {
        if (rq.atomic()) {
            throw Rejection.at(rq.pc(), "BPF_ATOMIC stores into R%d ctx is not allowed", rq.baseReg());
        }
        String where = p.fixedOffset() ? "" : String.format(" (R%d var_off=%s)", rq.baseReg(), p.varOff().var());
        if (lo < 0 || hi + rq.size() > env.contextSize || (rq.write() && !env.contextWritable)) {
            long bad = lo < 0 ? lo : hi + rq.size() > env.contextSize ? hi : lo;
            throw Rejection.at(rq.pc(), "invalid bpf_context access off=%d size=%d%s", bad, rq.size(), where);
        }
        if (env.contextAligned && !p.varOff().var().add(Tnum.constant(p.off() + rq.insnOff())).isAligned(rq.size())) {
            throw Rejection.at(rq.pc(), "invalid bpf_context access off=%d size=%d%s", lo, rq.size(), where);
        }
        env.facts.access(rq.pc(), new ProvenAccess(RegionKind.CONTEXT, lo, hi, rq.size(), rq.write(), 0, null));
        return rq.write() ? null : loaded(rq);
    }

    private static RegisterState mapValue(VerifierEnv env, Request rq, Pointer p, long lo, long hi) {
        MapRef map = p.map();
        if (!p.fixedOffset()) {
            if (p.varOff().smin() < 0 && lo < 0) {
                throw Rejection.at(rq.pc(), "R%d min value is negative, either use unsigned index or do a if (index >=0) check.", rq.baseReg());
            }
            if (Long.compareUnsigned(p.varOff().umax(), PointerArithmetic.MAX_VAR_OFF) >= 0) {
                throw Rejection.at(rq.pc(), "R%d unbounded memory access, make sure to bounds check any such access", rq.baseReg());
            }
        }
        if (rq.atomic() && !p.varOff().var().add(Tnum.constant(p.off() + rq.insnOff())).isAligned(rq.size())) {
            throw Rejection.at(rq.pc(), "misaligned value access off %s+%d+%d size %d", tnumText(p.varOff().var()), p.off(), rq.insnOff(),
                    rq.size());
        }
        if (lo < 0 || hi + rq.size() > map.valueSize()) {
            long bad = lo < 0 ? lo : hi;
            throw Rejection.at(rq.pc(), "invalid access to map value, value_size=%d off=%d size=%d", map.valueSize(), bad, rq.size());
        }
        if (rq.write() && map.readOnly()) {
            throw Rejection.at(rq.pc(), "write into map forbidden, value_size=%d off=%d size=%d", map.valueSize(), lo, rq.size());
        }
        env.facts.access(rq.pc(), new ProvenAccess(RegionKind.MAP_VALUE, lo, hi, rq.size(), rq.write(), 0, map));
        return rq.write() && !rq.atomic() ? null : loaded(rq);
    }

    private static RegisterState stack(VerifierEnv env, VerifierState st, Request rq, Pointer p, long lo, long hi) {
        String dir = rq.write() ? "write to" : "read from";
        Tnum addr = p.varOff().var().add(Tnum.constant(p.off() + rq.insnOff()));
        if (!addr.isAligned(rq.size())) {
            throw Rejection.at(rq.pc(), "misaligned stack access off %s+%d+%d size %d", tnumText(p.varOff().var()),
                    p.off(), rq.insnOff(), rq.size());
        }
        if (lo < -StackState.SIZE || hi + rq.size() > 0) {
            if (p.fixedOffset()) {
                throw Rejection.at(rq.pc(), "invalid %s stack R%d off=%d size=%d", dir, rq.baseReg(), lo, rq.size());
            }
            throw Rejection.at(rq.pc(), "invalid variable-offset %s stack R%d var_off=%s off=%d size=%d", dir, rq.baseReg(),
                    p.varOff().var(), p.off() + rq.insnOff(), rq.size());
        }
        FrameState owner = st.frame(p.frameNo());
        env.noteStackUse(owner.function(), lo);
        int framesUp = st.depth() - 1 - p.frameNo();
        env.facts.access(rq.pc(), new ProvenAccess(RegionKind.STACK, lo, hi, rq.size(), rq.write(), framesUp, null));
        StackState stack = owner.stack();
        if (rq.atomic()) {
            RegisterState old = readStack(env, rq, p, stack, (int) lo, (int) hi);
            if (p.fixedOffset()) {
                stack.write((int) lo, rq.size(), null);
            } else {
                stack.writeVariable(lo, hi, rq.size());
            }
            return old;
        }
        if (!rq.write()) {
            return readStack(env, rq, p, stack, (int) lo, (int) hi);
        }
        RegisterState value = rq.value();
        if (value instanceof Pointer vp) {
            if (!p.fixedOffset() || rq.size() != StackState.SLOT) {
                throw Rejection.at(rq.pc(), "invalid size of register spill");
            }
            if (vp.kind() == PointerKind.STACK && vp.frameNo() > p.frameNo()) {
                throw Rejection.at(rq.pc(), "cannot spill pointers to stack into stack frame of the caller");
            }
        }
        if (p.fixedOffset()) {
            stack.write((int) lo, rq.size(), narrow(value, rq.size()));
        } else {
            stack.writeVariable(lo, hi, rq.size());
        }
        return null;
    }

    /** A narrow store keeps only whether it wrote zero; a full-width one keeps the register. */
    private static RegisterState narrow(RegisterState value, int size) {
        if (size == StackState.SLOT || value == null) {
            return value;
        }
        if (value instanceof Scalar s) {
            long mask = (1L << (size * 8)) - 1;
            return s.bounds().isConst() && (s.bounds().constValue() & mask) == 0 ? Scalar.constant(0) : null;
        }
        return null;
    }

    private static RegisterState readStack(VerifierEnv env, Request rq, Pointer p, StackState stack, int lo, int hi) {
        int size = rq.size();
        if (!p.fixedOffset()) {
            Integer bad = stack.firstUninitialised(lo, hi - lo + size);
            if (bad != null) {
                throw Rejection.at(rq.pc(), "invalid variable-offset read from stack R%d var_off=%s off=%d size=%d: byte at fp%d is uninitialised",
                        rq.baseReg(), p.varOff().var(), p.off() + rq.insnOff(), size, bad);
            }
            return loaded(rq);
        }
        Integer bad = stack.firstUninitialised(lo, size);
        if (bad != null) {
            throw Rejection.at(rq.pc(), "invalid read from stack off %d+%d size %d", lo, bad - lo, size);
        }
        if (size == StackState.SLOT && stack.isWholeSpill(lo)) {
            return stack.spilledAt(lo);
        }
        if (stack.touchesSpill(lo, size)) {
            RegisterState spilled = stack.spilledAt(lo);
            if (spilled instanceof Pointer) {
                throw Rejection.at(rq.pc(), "invalid size of register fill");
            }
            // A narrow fill (the kernel's check_stack_read_fixed_off): the low bytes of a spilled
            // scalar are the scalar cut to the size; any other bytes are known only when the
            // whole scalar is zero.
            ScalarBounds value = ((Scalar) spilled).bounds();
            if ((lo & (StackState.SLOT - 1)) == 0) {
                return Scalar.of(rq.signExtend() ? ScalarAlu.signExtend(value, size) : ScalarAlu.truncate(value, size));
            }
            return value.is(0) ? Scalar.constant(0) : loaded(rq);
        }
        if (stack.allZero(lo, size)) {
            return Scalar.constant(0);
        }
        return loaded(rq);
    }
}
