package org.binfmtbpf.verifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoints saved at one prune point: those whose paths are all explored (usable for
 * pruning) in a list, those still in progress by hash (for spotting an exact repeat, which is
 * an infinite loop).
 */
final class ExploredStates {
    final List<Checkpoint> complete = new ArrayList<>();
    final Map<Integer, List<Checkpoint>> inProgress = new HashMap<>();
    int inProgressCount;

    void addInProgress(Checkpoint cp) {
        inProgress.computeIfAbsent(cp.hash, h -> new ArrayList<>(1)).add(cp);
        inProgressCount++;
    }

    void completed(Checkpoint cp) {
        List<Checkpoint> same = inProgress.get(cp.hash);
        if (same != null && same.remove(cp)) {
            inProgressCount--;
            if (same.isEmpty()) {
                inProgress.remove(cp.hash);
            }
            complete.add(cp);
        }
    }

    /** An in-progress checkpoint equal to {@code st}, or null. */
    Checkpoint repeatOf(VerifierState st) {
        List<Checkpoint> same = inProgress.get(st.hashCode());
        if (same != null) {
            for (Checkpoint cp : same) {
                if (cp.state.equals(st)) {
                    return cp;
                }
            }
        }
        return null;
    }
}
