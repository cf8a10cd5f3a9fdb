package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.List;

/** What every method of one generated class shares: the plan, the constant pool budget, the proven facts. */
final class ClassContext {
    static final String RUNTIME = "org/binfmtbpf/jit/JitRuntime";
    static final String ALU = "org/binfmtbpf/isa/Alu";
    static final String MEMORY = "org/binfmtbpf/mem/Memory";
    static final String HELPERS_FIELD = "HELPERS";
    static final String HELPERS_TYPE = "Lorg/binfmtbpf/helpers/HelperRegistry;";
    static final String TARGETS_FIELD = "TARGETS";
    static final String TARGETS_TYPE = "Lorg/binfmtbpf/jit/TailCallTargets;";

    final String className;
    final ProgramPlan plan;
    final AccessFacts facts;
    /** True for the variant that counts instructions against the budget. */
    final boolean counted;
    final Constants constants = new Constants();
    /** Arrays of map values the code reads directly, each a static final field {@code MAPn}, in order. */
    final List<byte[]> mapValues = new ArrayList<>();

    /**
     * True for the variant whose main function always runs on the top frame (r10 = the stack
     * top, a constant): every run starts there, and so does a tail call made from a main
     * function. Stack indices then fold to constants. A tail call from a BPF-to-BPF callee
     * enters its target lower down, on the other variant; a program whose main function is
     * itself called (only an unverified one can be) never gets this variant.
     */
    final boolean mainAtStackTop;

    ClassContext(String className, ProgramPlan plan, AccessFacts facts, boolean counted, boolean mainAtStackTop) {
        this.className = className;
        this.plan = plan;
        this.facts = facts;
        this.counted = counted;
        this.mainAtStackTop = mainAtStackTop && !plan.mainCalledLocally;
        for (int pc = 0; pc < plan.program.length(); pc++) {
            if (facts.at(pc) instanceof ProvenAccess.MapValues map) {
                mapValuesField(map.values());
            }
        }
    }

    /** The static final field holding {@code values}: one field per distinct array, all known before any method is written. */
    String mapValuesField(byte[] values) {
        for (int i = 0; i < mapValues.size(); i++) {
            if (mapValues.get(i) == values) {
                return mapValuesField(i);
            }
        }
        mapValues.add(values);
        return mapValuesField(mapValues.size() - 1);
    }

    static String mapValuesField(int index) {
        return "MAP" + index;
    }

    /** The method {@code run} calls when the main function is one method ({@link MethodEmitter#forRunEntry}). */
    static final String RUN_ENTRY = "main";
    static final String RUN_ENTRY_DESCRIPTOR = "(Lorg/binfmtbpf/run/Invocation;)J";

    static String functionMethod(int function) {
        return "f" + function;
    }

    static String chunkMethod(int function, int chunk) {
        return "f" + function + "_c" + chunk;
    }
}
