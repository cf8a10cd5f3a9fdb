package org.binfmtbpf.verifier;

import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.verifier.RegisterState.Pointer;
import org.binfmtbpf.verifier.RegisterState.Scalar;

/** Load, store, atomic and legacy packet-load instructions: encoding and register checks around {@link MemoryAccess}. */
final class MemoryCheck {
    private MemoryCheck() {}

    static void load(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        int mode = Opcodes.mode(insn.opcode());
        int size = Opcodes.sizeBytes(insn.opcode());
        boolean signExtend = mode == Opcodes.MODE_MEMSX;
        if ((mode != Opcodes.MODE_MEM && !(signExtend && size < 8)) || insn.imm() != 0) {
            throw Rejection.at(pc, "BPF_LDX uses reserved fields");
        }
        Registers.checkWritable(insn.dst(), pc);
        RegisterState v = MemoryAccess.check(env, st,
                new MemoryAccess.Request(pc, insn.src(), insn.off(), size, false, null, signExtend, false));
        st.current().set(insn.dst(), v);
    }

    static void store(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        int mode = Opcodes.mode(insn.opcode());
        int size = Opcodes.sizeBytes(insn.opcode());
        boolean imm = insn.cls() == Opcodes.CLASS_ST;
        if (!imm && mode == Opcodes.MODE_ATOMIC) {
            atomic(env, st, insn, pc, size);
            return;
        }
        if (mode != Opcodes.MODE_MEM || (imm ? insn.src() != 0 : insn.imm() != 0)) {
            throw Rejection.at(pc, imm ? "BPF_ST uses reserved fields" : "BPF_STX uses reserved fields");
        }
        RegisterState value = imm ? Scalar.constant(insn.imm()) : Registers.read(st.current(), insn.src(), pc);
        MemoryAccess.check(env, st, new MemoryAccess.Request(pc, insn.dst(), insn.off(), size, true, value, false, false));
    }

    private static void atomic(VerifierEnv env, VerifierState st, Instruction insn, int pc, int size) {
        int op = insn.imm();
        boolean known = switch (op) {
            case Opcodes.ATOMIC_ADD, Opcodes.ATOMIC_OR, Opcodes.ATOMIC_AND, Opcodes.ATOMIC_XOR,
                    Opcodes.ATOMIC_ADD | Opcodes.ATOMIC_FETCH, Opcodes.ATOMIC_OR | Opcodes.ATOMIC_FETCH,
                    Opcodes.ATOMIC_AND | Opcodes.ATOMIC_FETCH, Opcodes.ATOMIC_XOR | Opcodes.ATOMIC_FETCH,
                    Opcodes.ATOMIC_XCHG, Opcodes.ATOMIC_CMPXCHG -> true;
            default -> false;
        };
        if (!known) {
            throw Rejection.at(pc, "BPF_ATOMIC uses invalid atomic opcode %02x", op);
        }
        if (size != 4 && size != 8) {
            throw Rejection.at(pc, "invalid atomic operand size");
        }
        FrameState f = st.current();
        RegisterState src = Registers.read(f, insn.src(), pc);
        if (op == Opcodes.ATOMIC_CMPXCHG) {
            Registers.read(f, 0, pc);
        }
        RegisterState base = Registers.read(f, insn.dst(), pc);
        if (base instanceof Pointer p && p.kind() == PointerKind.STACK && p.fixedOffset()) {
            int lo = (int) (p.minOffset() + insn.off());
            if (lo >= -StackState.SIZE && lo < 0 && st.frame(p.frameNo()).stack().spilledAt(lo) instanceof Pointer) {
                throw Rejection.at(pc, "BPF_ATOMIC on a spilled pointer at fp%d is not allowed", lo);
            }
        }
        RegisterState old = MemoryAccess.check(env, st, new MemoryAccess.Request(pc, insn.dst(), insn.off(), size, true, src, false, true));
        if (op == Opcodes.ATOMIC_CMPXCHG) {
            f.set(0, old);
        } else if ((op & Opcodes.ATOMIC_FETCH) != 0) {
            Registers.checkWritable(insn.src(), pc);
            f.set(insn.src(), old);
        }
    }

    /** LD_ABS / LD_IND: r6 must hold the context; r0 gets the (big-endian) value; r1-r5 are clobbered. */
    static void packetLoad(VerifierEnv env, VerifierState st, Instruction insn, int pc) {
        int size = Opcodes.sizeBytes(insn.opcode());
        boolean ind = Opcodes.mode(insn.opcode()) == Opcodes.MODE_IND;
        if (size == 8 || insn.dst() != 0 || insn.off() != 0 || (!ind && insn.src() != 0)) {
            throw Rejection.at(pc, "BPF_LD_[ABS|IND] uses reserved fields");
        }
        FrameState f = st.current();
        RegisterState r6 = Registers.read(f, 6, pc);
        if (!(r6 instanceof Pointer p && p.kind() == PointerKind.CTX && p.off() == 0 && p.varOff().is(0))) {
            throw Rejection.at(pc, "at the time of BPF_LD_ABS|IND R6 != pointer to skb");
        }
        if (ind && !(Registers.read(f, insn.src(), pc) instanceof Scalar)) {
            throw Rejection.at(pc, "R%d leaks addr into BPF_LD_IND", insn.src());
        }
        Registers.scratchCallerSaved(f);
        f.set(0, Scalar.of(ScalarBounds.unsignedOfSize(size)));
    }
}
