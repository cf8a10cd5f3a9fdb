package org.binfmtbpf.run.interp;

import java.util.Arrays;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.isa.Alu;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Jumps;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.Subprogram;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.CallFaults;
import org.binfmtbpf.run.Invocation;

/**
 * The reference interpreter's machine: eleven registers, the call stack, and the
 * fetch-execute loop. One machine per thread is reused, so a run allocates nothing.
 *
 * <p>The loop switches on the instruction class and hands each class to a small method;
 * everything that is an arithmetic or memory rule lives in {@code isa.Alu}, {@code isa.Jumps}
 * and {@code mem.Memory}, which the JIT calls too.
 *
 * <p>Choices where the kernel leaves a register's value unspecified (the program cannot
 * read it after the verifier): r0 and r3-r9 start at 0; r1-r5 keep their values across
 * helper calls, local calls (as the callee left them) and LD_ABS / LD_IND.
 */
public final class Machine {
    private static final ThreadLocal<Machine> CURRENT = ThreadLocal.withInitial(Machine::new);
    private static final int CALLX = Opcodes.CLASS_JMP | Opcodes.JMP_CALL | Opcodes.SRC_X;

    private final long[] r = new long[11];
    private final CallStack frames = new CallStack();
    private boolean running;

    // State of the current run, kept in fields only for the methods the loop delegates to.
    private Program program;
    private int frameSize;
    private Invocation inv;

    private Machine() {}

    /** Runs {@code program} on the context bound to {@code inv} and returns r0. */
    public static long run(Program program, Invocation inv) {
        Machine machine = CURRENT.get();
        if (machine.running) {
            machine = new Machine(); // a helper ran a program on this thread: give it its own machine
        }
        machine.running = true;
        try {
            return machine.execute(program, inv);
        } finally {
            machine.running = false;
            machine.frames.clear();
            machine.program = null;
            machine.inv = null;
        }
    }

    private long execute(Program entry, Invocation invocation) {
        long[] r = this.r;
        Arrays.fill(r, 0);
        r[1] = Invocation.contextAddress();
        r[2] = invocation.context.size();
        r[10] = Invocation.stackTop();
        inv = invocation;
        program = entry;
        frameSize = entry.mainFrameSize();
        invocation.stackFloor = Invocation.STACK_SIZE - frameSize;
        long budget = invocation.budget;
        long executed = 0;
        int pc = 0;
        try {
            while (true) {
                if (++executed > budget) {
                    throw new BpfFault(pc, "instruction budget of " + budget + " exhausted");
                }
                Instruction insn = program.insn(pc);
                int opcode = insn.opcode();
                switch (Opcodes.cls(opcode)) {
                    case Opcodes.CLASS_ALU64 -> {
                        r[insn.dst()] = AluOps.alu64(insn, r);
                        pc++;
                    }
                    case Opcodes.CLASS_ALU -> {
                        r[insn.dst()] = AluOps.alu32(insn, r);
                        pc++;
                    }
                    case Opcodes.CLASS_LDX -> {
                        load(insn, pc);
                        pc++;
                    }
                    case Opcodes.CLASS_ST -> {
                        Memory.store(invocation, r[insn.dst()] + insn.off(), Opcodes.sizeBytes(opcode), insn.imm(), pc);
                        pc++;
                    }
                    case Opcodes.CLASS_STX -> {
                        store(insn, pc);
                        pc++;
                    }
                    case Opcodes.CLASS_LD -> {
                        if (insn.isLdImm64()) {
                            r[insn.dst()] = program.imm64(pc);
                            pc += 2;
                        } else if (packetLoad(insn)) {
                            pc++;
                        } else {
                            return 0; // out of the packet: the kernel ends the program with 0
                        }
                    }
                    default -> {
                        int op = Opcodes.aluOp(opcode);
                        if (op == Opcodes.JMP_EXIT) {
                            if (frames.depth() == 0) {
                                return r[0];
                            }
                            pc = exit();
                        } else if (op == Opcodes.JMP_CALL) {
                            pc = call(insn, pc);
                        } else {
                            pc = jump(insn, pc);
                        }
                    }
                }
            }
        } catch (BpfFault fault) {
            throw fault;
        } catch (RuntimeException e) {
            // Only a bug can get here (validation admits no program that reaches it); report
            // it as a fault of the program rather than let a JVM exception escape.
            throw new BpfFault(pc, "interpreter error: " + e);
        }
    }

    /** The frame of a program's main function; the whole stack if the program lists no functions. */
    /** Conditional and unconditional jumps of classes JMP and JMP32; returns the next pc. */
    private int jump(Instruction insn, int pc) {
        int opcode = insn.opcode();
        int op = Opcodes.aluOp(opcode);
        boolean jmp32 = Opcodes.cls(opcode) == Opcodes.CLASS_JMP32;
        if (op == Opcodes.JMP_JA) {
            return pc + 1 + (jmp32 ? insn.imm() : insn.off()); // JA32 (cpu v4) jumps by imm
        }
        long a = r[insn.dst()];
        long b = Opcodes.source(opcode) == Opcodes.SRC_X ? r[insn.src()] : insn.imm();
        boolean taken = jmp32 ? Jumps.taken32(op, a, b) : Jumps.taken64(op, a, b);
        return taken ? pc + 1 + insn.off() : pc + 1;
    }

    private void load(Instruction insn, int pc) {
        int size = Opcodes.sizeBytes(insn.opcode());
        long value = Memory.load(inv, r[insn.src()] + insn.off(), size, pc);
        r[insn.dst()] = Opcodes.mode(insn.opcode()) == Opcodes.MODE_MEMSX ? Alu.signExtendLoad(value, size) : value;
    }

    private void store(Instruction insn, int pc) {
        int size = Opcodes.sizeBytes(insn.opcode());
        long address = r[insn.dst()] + insn.off();
        if (Opcodes.mode(insn.opcode()) != Opcodes.MODE_ATOMIC) {
            Memory.store(inv, address, size, r[insn.src()], pc);
            return;
        }
        int atomicOp = insn.imm();
        if (atomicOp == Opcodes.ATOMIC_CMPXCHG) {
            r[0] = Memory.compareExchange(inv, address, size, r[0], r[insn.src()], pc);
            return;
        }
        long old = Memory.fetchAndOp(inv, address, size, atomicOp, r[insn.src()], pc);
        if ((atomicOp & Opcodes.ATOMIC_FETCH) != 0) {
            r[insn.src()] = old;
        }
    }

    /**
     * LD_ABS / LD_IND: r0 = the big-endian value at [imm] or [src + imm] of the context, the
     * offset computed in 32 bits as the kernel's helpers take it. False when out of bounds.
     */
    private boolean packetLoad(Instruction insn) {
        long offset = Opcodes.mode(insn.opcode()) == Opcodes.MODE_ABS ? insn.imm() : (int) (r[insn.src()] + insn.imm());
        long value = Memory.loadPacket(inv, offset, Opcodes.sizeBytes(insn.opcode()));
        if (value < 0) {
            return false;
        }
        r[0] = value;
        return true;
    }

    /** Helper calls (CALL src 0, CALLX) and local calls; returns the next pc. */
    private int call(Instruction insn, int pc) {
        boolean callx = insn.opcode() == CALLX;
        if (!callx && insn.src() == Opcodes.CALL_LOCAL) {
            return callLocal(pc + 1 + insn.imm(), pc);
        }
        if (!callx && insn.src() == Opcodes.CALL_KFUNC) {
            throw CallFaults.kfunc(insn.imm(), pc);
        }
        long id = callx ? r[insn.dst()] : insn.imm(); // callx: the dst register holds the helper id
        Helper helper = id == (int) id ? program.helpers().get((int) id) : null;
        if (helper == null) {
            throw CallFaults.unknownHelper(id, pc);
        }
        r[0] = callHelper(helper, pc);
        if (inv.tailCallTarget != null) {
            return tailCall(pc);
        }
        return pc + 1;
    }

    private long callHelper(Helper helper, int pc) {
        try {
            return helper.function().call(inv, r[1], r[2], r[3], r[4], r[5]);
        } catch (RuntimeException e) {
            throw CallFaults.helperFailed(helper, e, pc);
        }
    }

    /**
     * A BPF-to-BPF call: the caller's r6-r10 are saved, the callee's frame starts where the
     * caller's ends (r10 = caller's r10 - caller's frame size) and the chain may use at most
     * 512 bytes of stack in at most 8 frames.
     */
    private int callLocal(int target, int pc) {
        Subprogram callee = program.functionAt(target);
        int callerFloor = inv.stackFloor;
        long fp = inv.enterCall(r[10], frameSize, frames.depth(), callee.name(), callee.stackSize(), pc);
        frames.push(pc + 1, program, frameSize, callerFloor, r);
        r[10] = fp;
        frameSize = callee.stackSize();
        return target;
    }

    /** EXIT from a callee: back to the caller with its r6-r10 restored; returns the next pc. */
    private int exit() {
        frames.pop(r);
        program = frames.program();
        frameSize = frames.frameSize();
        inv.stackFloor = frames.stackFloor();
        return frames.returnPc();
    }

    /**
     * Helper 12 succeeded: the target program replaces the running function and never
     * returns to it. Registers and frame pointer stay as they are (the kernel jumps into the
     * target with the caller's registers); the target's frame replaces this function's frame.
     */
    private int tailCall(int pc) {
        Object target = inv.tailCallTarget;
        inv.tailCallTarget = null;
        if (!(target instanceof Program next)) {
            throw new BpfFault(pc, "tail call target is not a program: " + target);
        }
        inv.enterTailCall(next, r[10], pc);
        program = next;
        frameSize = next.mainFrameSize();
        return 0;
    }
}
