package org.binfmtbpf.verifier;

import java.util.HashMap;
import java.util.Map;
import org.binfmtbpf.program.RegisterLiveness;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * When a saved state proves a new one safe (the kernel's states_equal in RANGE_WITHIN mode):
 * same call chain, and every live register and every stack byte of the old state admits
 * everything the new one allows. Then any path from the new state was already explored from
 * the old one. Ids must correspond one to one, so linked registers stay linked.
 */
final class StateEquivalence {
    private final RegisterLiveness liveness;

    StateEquivalence(RegisterLiveness liveness) {
        this.liveness = liveness;
    }

    /** Two maps checked together: old id to cur id and back, each a function. */
    private static final class IdMap {
        private final Map<Integer, Integer> forward = new HashMap<>(4);
        private final Map<Integer, Integer> backward = new HashMap<>(4);
        private int tmp = Integer.MIN_VALUE;

        boolean match(int oldId, int curId) {
            if (oldId == 0) {
                return true;
            }
            int cur = curId != 0 ? curId : tmp++; // an unlinked register matches no other
            Integer f = forward.putIfAbsent(oldId, cur);
            Integer b = backward.putIfAbsent(cur, oldId);
            return (f == null || f == cur) && (b == null || b == oldId);
        }
    }

    boolean covers(VerifierState old, VerifierState cur, int pc) {
        if (old.depth() != cur.depth()) {
            return false;
        }
        for (int i = 0; i < old.depth(); i++) {
            if (old.frame(i).callsite() != cur.frame(i).callsite()) {
                return false;
            }
        }
        IdMap ids = new IdMap();
        for (int i = 0; i < old.depth(); i++) {
            int live = i == old.depth() - 1 ? liveness.liveIn(pc)
                    : liveness.liveIn(old.frame(i + 1).callsite() + 1) & RegisterLiveness.CALLEE_SAVED;
            FrameState o = old.frame(i);
            FrameState c = cur.frame(i);
            for (int r = 0; r < FrameState.FP; r++) {
                if ((live & (1 << r)) != 0 && !covers(o.reg(r), c.reg(r), ids)) {
                    return false;
                }
            }
            if (!covers(o.stack(), c.stack(), ids)) {
                return false;
            }
        }
        return true;
    }

    private static boolean covers(RegisterState o, RegisterState c, IdMap ids) {
        if (o instanceof RegisterState.NotInit) {
            return true;
        }
        if (o instanceof Scalar so) {
            return c instanceof Scalar sc && so.bounds().covers(sc.bounds()) && ids.match(so.id(), sc.id());
        }
        Pointer po = (Pointer) o;
        if (!(c instanceof Pointer pc)) {
            return false;
        }
        boolean sameMap = po.map() == null ? pc.map() == null : pc.map() != null && po.map().identity() == pc.map().identity();
        return po.kind() == pc.kind() && sameMap && po.frameNo() == pc.frameNo() && po.off() == pc.off()
                && po.varOff().covers(pc.varOff())
                && (po.kind() != PointerKind.MAP_VALUE_OR_NULL || ids.match(po.id(), pc.id()));
    }

    private static boolean covers(StackState o, StackState c, IdMap ids) {
        byte[] ot = o.typesView();
        byte[] ct = c.typesView();
        RegisterState[] os = o.spilledView();
        RegisterState[] cs = c.spilledView();
        for (int i = 0; i < ot.length; i++) {
            byte a = ot[i];
            byte b = ct[i];
            switch (a) {
                case StackState.INVALID -> { }
                case StackState.MISC -> {
                    if (!(b == StackState.MISC || b == StackState.ZERO || (b == StackState.SPILL && cs[i / StackState.SLOT] instanceof Scalar))) {
                        return false;
                    }
                }
                case StackState.ZERO -> {
                    if (b != StackState.ZERO) {
                        return false;
                    }
                }
                default -> { // SPILL: compared once per slot
                    if (b != StackState.SPILL) {
                        return false;
                    }
                    if (i % StackState.SLOT == 0 || ot[i - 1] != StackState.SPILL) {
                        RegisterState so = os[i / StackState.SLOT];
                        RegisterState sc = cs[i / StackState.SLOT];
                        if (so != null && (sc == null || !covers(so, sc, ids))) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
