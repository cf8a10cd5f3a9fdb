package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/**
 * Conditional jumps (the kernel's check_cond_jmp_op): when the outcome is known only one side
 * is followed; otherwise the taken side is queued as a new path and each side learns what its
 * condition implies, including the null check of a map lookup's result for every copy of it.
 */
final class JumpCheck {
    private JumpCheck() {}

    /** Returns the next instruction for this state (the other side, when both are possible, is queued). */
    static int check(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        int opcode = insn.opcode();
        int op = Opcodes.aluOp(opcode);
        boolean x = Opcodes.source(opcode) == Opcodes.SRC_X;
        boolean is32 = insn.cls() == Opcodes.CLASS_JMP32;
        int target = InstructionKind.jumpTarget(insn, pc);
        if (x ? insn.imm() != 0 : insn.src() != 0) {
            throw Rejection.at(pc, "BPF_JMP/JMP32 uses reserved fields");
        }
        FrameState f = st.current();
        RegisterState a = Registers.read(f, insn.dst(), pc);
        RegisterState b = x ? Registers.read(f, insn.src(), pc) : Scalar.constant(is32 ? insn.imm() & 0xffffffffL : insn.imm());

        if (a instanceof Scalar sa && b instanceof Scalar sb) {
            return scalars(env, st, pc, insn, op, is32, target, sa, sb, x);
        }
        Pointer p = a instanceof Pointer pa ? pa : (Pointer) b;
        RegisterState other = a instanceof Pointer ? b : a;
        boolean againstNull = other instanceof Scalar s && s.bounds().is(0) && !is32;
        if (againstNull && (op == Opcodes.JMP_JEQ || op == Opcodes.JMP_JNE)) {
            if (p.kind() == PointerKind.MAP_VALUE_OR_NULL) {
                VerifierState taken = st.copy();
                markNull(taken, p.id(), op == Opcodes.JMP_JEQ);
                markNull(st, p.id(), op != Opcodes.JMP_JEQ);
                env.pushBranch(target, taken);
                return pc + 1;
            }
            // A pointer that cannot be null: the comparison is decided.
            return op == Opcodes.JMP_JNE ? target : pc + 1;
        }
        env.pushBranch(target, st.copy());
        return pc + 1;
    }

    /** After {@code if (p == NULL)}: on one side every copy of p is 0, on the other a valid map value pointer. */
    private static void markNull(VerifierState st, int id, boolean isNull) {
        st.replaceEverywhere(r -> {
            if (r instanceof Pointer q && q.kind() == PointerKind.MAP_VALUE_OR_NULL && q.id() == id) {
                return isNull ? Scalar.constant(0) : q.withKind(PointerKind.MAP_VALUE);
            }
            return r;
        });
    }

    private static int scalars(VerifierEnv env, VerifierState st, int pc, Instruction insn, int op, boolean is32, int target,
                               Scalar a, Scalar b, boolean x) {
        int taken = BranchRefinement.isTaken(a.bounds(), b.bounds(), op, is32);
        if (taken == 1) {
            return target;
        }
        if (taken == 0) {
            return pc + 1;
        }
        // Undecided: both sides are walked (check_cond_jmp_op), each with what its condition teaches.
        ScalarBounds[] yes, no;
        if (x && insn.dst() == insn.src()) {
            ScalarBounds y = BranchRefinement.refineSame(a.bounds(), op, is32);
            ScalarBounds n = BranchRefinement.refineSame(a.bounds(), BranchRefinement.negate(op), is32);
            yes = new ScalarBounds[] {y, y};
            no = new ScalarBounds[] {n, n};
        } else {
            yes = BranchRefinement.refineOrForget(a.bounds(), b.bounds(), op, is32);
            no = BranchRefinement.refineOrForget(a.bounds(), b.bounds(), BranchRefinement.negate(op), is32);
        }
        VerifierState other = st.copy();
        learn(other, insn, a, b, yes, x);
        env.pushBranch(target, other);
        learn(st, insn, a, b, no, x);
        return pc + 1;
    }

    /** Gives the operands their refined bounds, and every register linked to them too. */
    private static void learn(VerifierState st, Instruction insn, Scalar a, Scalar b, ScalarBounds[] r, boolean x) {
        set(st, insn.dst(), a, r[0]);
        if (x) {
            set(st, insn.src(), b, r[1]);
        }
    }

    private static void set(VerifierState st, int reg, Scalar old, ScalarBounds refined) {
        Scalar now = old.withBounds(refined);
        st.current().set(reg, now);
        if (old.id() != 0) {
            int id = old.id();
            st.replaceEverywhere(r -> r instanceof Scalar s && s.id() == id ? now : r);
        }
    }
}
