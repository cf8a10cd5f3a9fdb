package org.binfmtbpf.jit;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.verifier.RegionKind;
import org.binfmtbpf.verifier.VerificationException;
import org.binfmtbpf.verifier.Verifier;
import org.binfmtbpf.verifier.VerifierFacts;

/**
 * What the verifier proved, as the code generator's access facts: a header read at one
 * constant offset becomes a direct read of the context array, a stack access at one constant
 * offset of the running frame a direct read or write of the stack array. The JIT never
 * re-derives these facts; it takes the verifier's word per instruction.
 *
 * <p>Only header programs get context facts: their context is always at least the 256 bytes
 * the verifier checked against ({@code Invocation.begin} pads shorter files), while a RAW
 * program's context length changes from run to run. A program the verifier refuses gets no
 * facts and runs on the checked path, exactly like the interpreter.
 */
final class VerifiedAccessFacts implements AccessFacts {
    private final ProvenAccess[] byPc;

    private VerifiedAccessFacts(ProvenAccess[] byPc) {
        this.byPc = byPc;
    }

    static AccessFacts of(Program program) {
        if (!program.type().headerContext()) {
            return AccessFacts.NONE;
        }
        VerifierFacts facts;
        try {
            facts = Verifier.verify(program).facts();
        } catch (VerificationException refused) {
            return AccessFacts.NONE;
        }
        ProvenAccess[] byPc = new ProvenAccess[program.length()];
        for (int pc = 0; pc < byPc.length; pc++) {
            byPc[pc] = translate(facts.access(pc));
        }
        return new VerifiedAccessFacts(byPc);
    }

    private static ProvenAccess translate(org.binfmtbpf.verifier.ProvenAccess a) {
        if (a == null || !a.fixed()) {
            return ProvenAccess.UNKNOWN;
        }
        if (a.region() == RegionKind.CONTEXT && !a.write()) {
            return new ProvenAccess.ContextRead((int) a.minOffset());
        }
        if (a.region() == RegionKind.STACK && a.framesUp() == 0) {
            return new ProvenAccess.StackSlot((int) a.minOffset());
        }
        return ProvenAccess.UNKNOWN;
    }

    @Override
    public ProvenAccess at(int pc) {
        return byPc[pc];
    }
}
