package org.binfmtbpf.jit;

import java.util.List;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.verifier.MapRef;
import org.binfmtbpf.verifier.RegionKind;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierFacts;
import org.binfmtbpf.verifier.VerifierOptions;

/**
 * What the verifier proved, as the code generator's access facts. The verifier records, for
 * every load and store, the region it touches on every path and the range of offsets; any
 * such access is in bounds, so the JIT reads or writes the region's array directly:
 * <ul>
 *   <li>a header read: the context array (constant index when the offset is fixed);</li>
 *   <li>a stack access: the stack array (constant index relative to r10 in the running frame);</li>
 *   <li>an array-map or global-data value: that map's array, a constant of the generated class.</li>
 * </ul>
 * The JIT never re-derives these facts; it takes the verifier's word per instruction.
 *
 * <p>Only header programs get context facts: their context is always at least the 256 bytes
 * the verifier checked against ({@code Invocation.begin} pads shorter files), while a RAW
 * program's context length changes from run to run. Hash-map values live in one region per
 * element, so they keep the checked path. A program the verifier refuses gets no facts and
 * runs on the checked path, exactly like the interpreter.
 */
final class VerifiedAccessFacts implements AccessFacts {
    private static final ProvenAccess CONTEXT_RANGE = new ProvenAccess.ContextRange();
    private static final ProvenAccess STACK_RANGE = new ProvenAccess.StackRange();

    /** No log: the JIT needs the facts, and a refusal's logged path cost a fuzz campaign a tenth of its time. */
    private static final VerifierOptions FACTS_ONLY = VerifierOptions.defaults().withLogLevel(0);

    private final ProvenAccess[] byPc;
    /**
     * Per pc, the registers with a clear sign bit (all 64 bits; low 32), copied out of the
     * verifier's facts: the executable keeps these facts for its later variants, and should
     * not keep the verifier's per-register constants with them.
     */
    private final short[] nonNegative64;
    private final short[] nonNegative32;
    private final boolean ownStackOnly;

    private VerifiedAccessFacts(ProvenAccess[] byPc, short[] nonNegative64, short[] nonNegative32, boolean ownStackOnly) {
        this.byPc = byPc;
        this.nonNegative64 = nonNegative64;
        this.nonNegative32 = nonNegative32;
        this.ownStackOnly = ownStackOnly;
    }

    /** Verifies {@code program} (without a log) and takes its facts; none if the verifier refuses it. */
    static AccessFacts of(Program program) {
        if (!program.headerContext()) {
            return AccessFacts.NONE;
        }
        try {
            return from(program, Verifier.verify(program, FACTS_ONLY).facts());
        } catch (VerificationException refused) {
            return AccessFacts.NONE;
        }
    }

    /** The facts of a program its caller has verified. */
    static AccessFacts from(Program program, VerifierFacts proven) {
        if (!proven.areFactsOf(program)) {
            throw new IllegalArgumentException("the verifier's facts given for " + program.name() + " are another program's");
        }
        if (!program.headerContext()) {
            return AccessFacts.NONE;
        }
        ProvenAccess[] byPc = new ProvenAccess[program.length()];
        short[] nonNegative64 = new short[byPc.length];
        short[] nonNegative32 = new short[byPc.length];
        for (int pc = 0; pc < byPc.length; pc++) {
            byPc[pc] = translate(proven.access(pc), program.maps());
            nonNegative64[pc] = (short) proven.nonNegativeAtEntry(pc, false);
            nonNegative32[pc] = (short) proven.nonNegativeAtEntry(pc, true);
        }
        return new VerifiedAccessFacts(byPc, nonNegative64, nonNegative32, proven.readsOnlyStackItWrites());
    }

    @Override
    public boolean readsOnlyStackItWrites() {
        return ownStackOnly;
    }

    @Override
    public boolean nonNegative(int pc, int reg, boolean low32) {
        return ((low32 ? nonNegative32 : nonNegative64)[pc] & (1 << reg)) != 0;
    }

    private static ProvenAccess translate(org.binfmtbpf.verifier.ProvenAccess a, List<BpfMap> maps) {
        if (a == null) {
            return ProvenAccess.UNKNOWN;
        }
        return switch (a.region()) {
            case CONTEXT -> a.write() ? ProvenAccess.UNKNOWN
                    : a.fixed() ? new ProvenAccess.ContextRead((int) a.minOffset()) : CONTEXT_RANGE;
            case STACK -> a.fixed() && a.framesUp() == 0 ? new ProvenAccess.StackSlot((int) a.minOffset()) : STACK_RANGE;
            case MAP_VALUE -> mapValues(a.map(), a.write(), maps);
            case VARIES -> ProvenAccess.UNKNOWN;
        };
    }

    /** The one array holding every value of the map, when there is one and the access may use it. */
    private static ProvenAccess mapValues(MapRef map, boolean write, List<BpfMap> maps) {
        Region values = null;
        if (map == null) {
            return ProvenAccess.UNKNOWN;
        } else if (map.identity() >= 0 && map.identity() < maps.size() && maps.get(map.identity()) instanceof ArrayMap array) {
            values = array.valuesRegion();
        } else if (map.identity() < 0 && RegionTable.get(-map.identity()) instanceof Region global) {
            values = global;
        }
        if (values == null || (write && !values.writable())) {
            return ProvenAccess.UNKNOWN;
        }
        return new ProvenAccess.MapValues(values.bytes());
    }

    @Override
    public ProvenAccess at(int pc) {
        return byPc[pc];
    }
}
