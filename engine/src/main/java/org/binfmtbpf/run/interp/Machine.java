package org.binfmtbpf.run.interp;

import static org.binfmtbpf.isa.Opcodes.*;
import static org.binfmtbpf.run.interp.Code.dst;
import static org.binfmtbpf.run.interp.Code.off;
import static org.binfmtbpf.run.interp.Code.src;

import java.util.Arrays;
import org.binfmtbpf.helpers.Helper;
import org.binfmtbpf.isa.Alu;
import org.binfmtbpf.isa.Jumps;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.Subprogram;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.CallFaults;
import org.binfmtbpf.run.Invocation;

/**
 * The reference interpreter's machine: the registers, the call stack, and the
 * fetch-execute loop. One machine per thread is reused, so a run allocates nothing.
 *
 * <p>The loop is one switch over the full 8-bit opcode, in the order of RFC 9669's tables,
 * so each instruction is a single jump-table dispatch followed by its own few lines. Plain
 * Java operators are used where they mean what eBPF means (64-bit arithmetic wraps, shifts
 * take their count modulo 64); every other rule (division by zero, 32-bit zero extension,
 * sign extension, byte swaps, jump conditions, memory bounds, calls) is a call into
 * {@code isa.Alu}, {@code isa.Jumps}, {@code mem.Memory}, {@code Invocation} and
 * {@code run.CallFaults}, which the JIT and the verifier use too. Opcodes the validator refuses never reach the loop.
 *
 * <p>Choices where the kernel leaves a register's value unspecified (the program cannot
 * read it after the verifier): r0 and r3-r9 start at 0; r1-r5 keep their values across
 * helper calls and LD_ABS / LD_IND; after a local call the caller has its own r1-r10 back (as
 * in the kernel's interpreter, where a callee gets registers of its own), and a callee starts
 * with its caller's r0-r9.
 */
public final class Machine {
    private static final ThreadLocal<Machine> CURRENT = ThreadLocal.withInitial(Machine::new);

    /** Sixteen so that any 4-bit register field indexes it; programs use r0-r10. */
    private final long[] r = new long[16];
    private final CallStack frames = new CallStack();
    private boolean running;

    // State of the current run that calls and exits change.
    private Program program;
    private Code code;
    private int frameSize;
    private Invocation inv;

    private Machine() {}

    /** Runs {@code program}, decoded as {@code code}, on the context bound to {@code inv} and returns r0. */
    static long run(Program program, Code code, Invocation inv) {
        Machine machine = CURRENT.get();
        if (machine.running) {
            machine = new Machine(); // a helper ran a program on this thread: give it its own machine
        }
        machine.running = true;
        try {
            return machine.execute(program, code, inv);
        } finally {
            machine.running = false;
            machine.frames.clear();
            machine.program = null;
            machine.code = null;
            machine.inv = null;
        }
    }

    private long execute(Program entry, Code entryCode, Invocation invocation) {
        long[] r = this.r;
        Arrays.fill(r, 0);
        r[1] = Invocation.contextAddress();
        r[2] = invocation.context.size();
        r[10] = Invocation.stackTop();
        inv = invocation;
        program = entry;
        code = entryCode;
        frameSize = entry.mainFrameSize();
        invocation.stackFloor = Invocation.RUN_STACK_SIZE - frameSize;
        int[] words = code.words;
        long[] imms = code.imms;
        long budget = invocation.budget;
        long executed = 0;
        int pc = 0;
        try {
            while (true) {
                if (++executed > budget) {
                    throw new BpfFault(pc, "instruction budget of " + budget + " exhausted");
                }
                int w = words[pc];
                long imm = imms[pc];
                int d = dst(w);
                switch (Code.opcode(w)) {
                    // ---- ALU64 (RFC 9669 4.1): K is the immediate sign-extended to 64 bits ----
                    case CLASS_ALU64 | ALU_ADD | SRC_K -> r[d] += imm;
                    case CLASS_ALU64 | ALU_ADD | SRC_X -> r[d] += r[src(w)];
                    case CLASS_ALU64 | ALU_SUB | SRC_K -> r[d] -= imm;
                    case CLASS_ALU64 | ALU_SUB | SRC_X -> r[d] -= r[src(w)];
                    case CLASS_ALU64 | ALU_MUL | SRC_K -> r[d] *= imm;
                    case CLASS_ALU64 | ALU_MUL | SRC_X -> r[d] *= r[src(w)];
                    case CLASS_ALU64 | ALU_DIV | SRC_K -> r[d] = off(w) == 1 ? Alu.sdiv64(r[d], imm) : Alu.udiv64(r[d], imm);
                    case CLASS_ALU64 | ALU_DIV | SRC_X -> r[d] = off(w) == 1 ? Alu.sdiv64(r[d], r[src(w)]) : Alu.udiv64(r[d], r[src(w)]);
                    case CLASS_ALU64 | ALU_OR | SRC_K -> r[d] |= imm;
                    case CLASS_ALU64 | ALU_OR | SRC_X -> r[d] |= r[src(w)];
                    case CLASS_ALU64 | ALU_AND | SRC_K -> r[d] &= imm;
                    case CLASS_ALU64 | ALU_AND | SRC_X -> r[d] &= r[src(w)];
                    case CLASS_ALU64 | ALU_LSH | SRC_K -> r[d] <<= imm;
                    case CLASS_ALU64 | ALU_LSH | SRC_X -> r[d] <<= r[src(w)];
                    case CLASS_ALU64 | ALU_RSH | SRC_K -> r[d] >>>= imm;
                    case CLASS_ALU64 | ALU_RSH | SRC_X -> r[d] >>>= r[src(w)];
                    case CLASS_ALU64 | ALU_NEG | SRC_K -> r[d] = -r[d];
                    case CLASS_ALU64 | ALU_MOD | SRC_K -> r[d] = off(w) == 1 ? Alu.smod64(r[d], imm) : Alu.umod64(r[d], imm);
                    case CLASS_ALU64 | ALU_MOD | SRC_X -> r[d] = off(w) == 1 ? Alu.smod64(r[d], r[src(w)]) : Alu.umod64(r[d], r[src(w)]);
                    case CLASS_ALU64 | ALU_XOR | SRC_K -> r[d] ^= imm;
                    case CLASS_ALU64 | ALU_XOR | SRC_X -> r[d] ^= r[src(w)];
                    case CLASS_ALU64 | ALU_MOV | SRC_K -> r[d] = imm;
                    case CLASS_ALU64 | ALU_MOV | SRC_X -> r[d] = off(w) == 0 ? r[src(w)] : Alu.movsx64(r[src(w)], off(w));
                    case CLASS_ALU64 | ALU_ARSH | SRC_K -> r[d] >>= imm;
                    case CLASS_ALU64 | ALU_ARSH | SRC_X -> r[d] >>= r[src(w)];
                    case CLASS_ALU64 | ALU_END | SRC_K -> r[d] = Alu.swap(r[d], (int) imm); // BSWAP (cpu v4)

                    // ---- ALU (32-bit): the result is zero-extended; K uses the immediate's low half ----
                    case CLASS_ALU | ALU_ADD | SRC_K -> r[d] = Alu.zext32(r[d] + imm);
                    case CLASS_ALU | ALU_ADD | SRC_X -> r[d] = Alu.zext32(r[d] + r[src(w)]);
                    case CLASS_ALU | ALU_SUB | SRC_K -> r[d] = Alu.zext32(r[d] - imm);
                    case CLASS_ALU | ALU_SUB | SRC_X -> r[d] = Alu.zext32(r[d] - r[src(w)]);
                    case CLASS_ALU | ALU_MUL | SRC_K -> r[d] = Alu.zext32(r[d] * imm);
                    case CLASS_ALU | ALU_MUL | SRC_X -> r[d] = Alu.zext32(r[d] * r[src(w)]);
                    case CLASS_ALU | ALU_DIV | SRC_K -> r[d] = off(w) == 1 ? Alu.sdiv32(r[d], imm) : Alu.udiv32(r[d], imm);
                    case CLASS_ALU | ALU_DIV | SRC_X -> r[d] = off(w) == 1 ? Alu.sdiv32(r[d], r[src(w)]) : Alu.udiv32(r[d], r[src(w)]);
                    case CLASS_ALU | ALU_OR | SRC_K -> r[d] = Alu.zext32(r[d] | imm);
                    case CLASS_ALU | ALU_OR | SRC_X -> r[d] = Alu.zext32(r[d] | r[src(w)]);
                    case CLASS_ALU | ALU_AND | SRC_K -> r[d] = Alu.zext32(r[d] & imm);
                    case CLASS_ALU | ALU_AND | SRC_X -> r[d] = Alu.zext32(r[d] & r[src(w)]);
                    case CLASS_ALU | ALU_LSH | SRC_K -> r[d] = Alu.lsh32(r[d], imm);
                    case CLASS_ALU | ALU_LSH | SRC_X -> r[d] = Alu.lsh32(r[d], r[src(w)]);
                    case CLASS_ALU | ALU_RSH | SRC_K -> r[d] = Alu.rsh32(r[d], imm);
                    case CLASS_ALU | ALU_RSH | SRC_X -> r[d] = Alu.rsh32(r[d], r[src(w)]);
                    case CLASS_ALU | ALU_NEG | SRC_K -> r[d] = Alu.zext32(-r[d]);
                    case CLASS_ALU | ALU_MOD | SRC_K -> r[d] = off(w) == 1 ? Alu.smod32(r[d], imm) : Alu.umod32(r[d], imm);
                    case CLASS_ALU | ALU_MOD | SRC_X -> r[d] = off(w) == 1 ? Alu.smod32(r[d], r[src(w)]) : Alu.umod32(r[d], r[src(w)]);
                    case CLASS_ALU | ALU_XOR | SRC_K -> r[d] = Alu.zext32(r[d] ^ imm);
                    case CLASS_ALU | ALU_XOR | SRC_X -> r[d] = Alu.zext32(r[d] ^ r[src(w)]);
                    case CLASS_ALU | ALU_MOV | SRC_K -> r[d] = Alu.zext32(imm);
                    case CLASS_ALU | ALU_MOV | SRC_X -> r[d] = off(w) == 0 ? Alu.zext32(r[src(w)]) : Alu.movsx32(r[src(w)], off(w));
                    case CLASS_ALU | ALU_ARSH | SRC_K -> r[d] = Alu.arsh32(r[d], imm);
                    case CLASS_ALU | ALU_ARSH | SRC_X -> r[d] = Alu.arsh32(r[d], r[src(w)]);
                    // The source bit selects the byte order: to little-endian (K) or to big-endian (X).
                    case CLASS_ALU | ALU_END | SRC_K -> r[d] = Alu.toLe(r[d], (int) imm);
                    case CLASS_ALU | ALU_END | SRC_X -> r[d] = Alu.swap(r[d], (int) imm);

                    // ---- Jumps (RFC 9669 4.3): taken means pc + 1 + off; JMP32 compares the low halves.
                    // The rule is isa.Jumps (the verifier's too); with a constant operation HotSpot
                    // inlines it down to the one comparison. ----
                    case CLASS_JMP | JMP_JA -> pc += off(w);
                    case CLASS_JMP32 | JMP_JA -> pc += (int) imm; // gotol (cpu v4) jumps by imm
                    case CLASS_JMP | JMP_JEQ | SRC_K -> { if (Jumps.taken64(JMP_JEQ, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JEQ | SRC_X -> { if (Jumps.taken64(JMP_JEQ, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JNE | SRC_K -> { if (Jumps.taken64(JMP_JNE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JNE | SRC_X -> { if (Jumps.taken64(JMP_JNE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JSET | SRC_K -> { if (Jumps.taken64(JMP_JSET, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JSET | SRC_X -> { if (Jumps.taken64(JMP_JSET, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JGT | SRC_K -> { if (Jumps.taken64(JMP_JGT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JGT | SRC_X -> { if (Jumps.taken64(JMP_JGT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JGE | SRC_K -> { if (Jumps.taken64(JMP_JGE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JGE | SRC_X -> { if (Jumps.taken64(JMP_JGE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JLT | SRC_K -> { if (Jumps.taken64(JMP_JLT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JLT | SRC_X -> { if (Jumps.taken64(JMP_JLT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JLE | SRC_K -> { if (Jumps.taken64(JMP_JLE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JLE | SRC_X -> { if (Jumps.taken64(JMP_JLE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JSGT | SRC_K -> { if (Jumps.taken64(JMP_JSGT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JSGT | SRC_X -> { if (Jumps.taken64(JMP_JSGT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JSGE | SRC_K -> { if (Jumps.taken64(JMP_JSGE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JSGE | SRC_X -> { if (Jumps.taken64(JMP_JSGE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JSLT | SRC_K -> { if (Jumps.taken64(JMP_JSLT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JSLT | SRC_X -> { if (Jumps.taken64(JMP_JSLT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_JSLE | SRC_K -> { if (Jumps.taken64(JMP_JSLE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP | JMP_JSLE | SRC_X -> { if (Jumps.taken64(JMP_JSLE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JEQ | SRC_K -> { if (Jumps.taken32(JMP_JEQ, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JEQ | SRC_X -> { if (Jumps.taken32(JMP_JEQ, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JNE | SRC_K -> { if (Jumps.taken32(JMP_JNE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JNE | SRC_X -> { if (Jumps.taken32(JMP_JNE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSET | SRC_K -> { if (Jumps.taken32(JMP_JSET, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSET | SRC_X -> { if (Jumps.taken32(JMP_JSET, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JGT | SRC_K -> { if (Jumps.taken32(JMP_JGT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JGT | SRC_X -> { if (Jumps.taken32(JMP_JGT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JGE | SRC_K -> { if (Jumps.taken32(JMP_JGE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JGE | SRC_X -> { if (Jumps.taken32(JMP_JGE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JLT | SRC_K -> { if (Jumps.taken32(JMP_JLT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JLT | SRC_X -> { if (Jumps.taken32(JMP_JLT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JLE | SRC_K -> { if (Jumps.taken32(JMP_JLE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JLE | SRC_X -> { if (Jumps.taken32(JMP_JLE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSGT | SRC_K -> { if (Jumps.taken32(JMP_JSGT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSGT | SRC_X -> { if (Jumps.taken32(JMP_JSGT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSGE | SRC_K -> { if (Jumps.taken32(JMP_JSGE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSGE | SRC_X -> { if (Jumps.taken32(JMP_JSGE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSLT | SRC_K -> { if (Jumps.taken32(JMP_JSLT, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSLT | SRC_X -> { if (Jumps.taken32(JMP_JSLT, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSLE | SRC_K -> { if (Jumps.taken32(JMP_JSLE, r[d], imm)) pc += off(w); }
                    case CLASS_JMP32 | JMP_JSLE | SRC_X -> { if (Jumps.taken32(JMP_JSLE, r[d], r[src(w)])) pc += off(w); }
                    case CLASS_JMP | JMP_CALL | SRC_K, CLASS_JMP | JMP_CALL | SRC_X -> {
                        pc = call(w, imm, pc);
                        words = code.words; // a tail call switches programs
                        imms = code.imms;
                        continue;
                    }
                    case CLASS_JMP | JMP_EXIT -> {
                        if (frames.depth() == 0) {
                            return r[0];
                        }
                        pc = exit();
                        words = code.words;
                        imms = code.imms;
                        continue;
                    }

                    // ---- Loads and stores (RFC 9669 5): every access is checked by mem.Memory ----
                    case CLASS_LD | MODE_IMM | SIZE_DW -> {
                        r[d] = imm; // LD_IMM64: the second slot holds the upper half
                        pc++;
                    }
                    case CLASS_LD | MODE_ABS | SIZE_W, CLASS_LD | MODE_ABS | SIZE_H, CLASS_LD | MODE_ABS | SIZE_B,
                         CLASS_LD | MODE_IND | SIZE_W, CLASS_LD | MODE_IND | SIZE_H, CLASS_LD | MODE_IND | SIZE_B -> {
                        if (!packetLoad(w, imm)) {
                            // Out of the packet: the running function returns 0, as the kernel's
                            // rewrite of the load ends in "r0 = 0; exit"; only in main that ends the run.
                            r[0] = 0;
                            if (frames.depth() == 0) {
                                return 0;
                            }
                            pc = exit();
                            words = code.words;
                            imms = code.imms;
                            continue;
                        }
                    }
                    case CLASS_LDX | MODE_MEM | SIZE_B -> r[d] = Memory.load(inv, r[src(w)] + off(w), 1, pc);
                    case CLASS_LDX | MODE_MEM | SIZE_H -> r[d] = Memory.load(inv, r[src(w)] + off(w), 2, pc);
                    case CLASS_LDX | MODE_MEM | SIZE_W -> r[d] = Memory.load(inv, r[src(w)] + off(w), 4, pc);
                    case CLASS_LDX | MODE_MEM | SIZE_DW -> r[d] = Memory.load(inv, r[src(w)] + off(w), 8, pc);
                    case CLASS_LDX | MODE_MEMSX | SIZE_B -> r[d] = Alu.signExtendLoad(Memory.load(inv, r[src(w)] + off(w), 1, pc), 1);
                    case CLASS_LDX | MODE_MEMSX | SIZE_H -> r[d] = Alu.signExtendLoad(Memory.load(inv, r[src(w)] + off(w), 2, pc), 2);
                    case CLASS_LDX | MODE_MEMSX | SIZE_W -> r[d] = Alu.signExtendLoad(Memory.load(inv, r[src(w)] + off(w), 4, pc), 4);
                    case CLASS_ST | MODE_MEM | SIZE_B -> Memory.store(inv, r[d] + off(w), 1, imm, pc);
                    case CLASS_ST | MODE_MEM | SIZE_H -> Memory.store(inv, r[d] + off(w), 2, imm, pc);
                    case CLASS_ST | MODE_MEM | SIZE_W -> Memory.store(inv, r[d] + off(w), 4, imm, pc);
                    case CLASS_ST | MODE_MEM | SIZE_DW -> Memory.store(inv, r[d] + off(w), 8, imm, pc);
                    case CLASS_STX | MODE_MEM | SIZE_B -> Memory.store(inv, r[d] + off(w), 1, r[src(w)], pc);
                    case CLASS_STX | MODE_MEM | SIZE_H -> Memory.store(inv, r[d] + off(w), 2, r[src(w)], pc);
                    case CLASS_STX | MODE_MEM | SIZE_W -> Memory.store(inv, r[d] + off(w), 4, r[src(w)], pc);
                    case CLASS_STX | MODE_MEM | SIZE_DW -> Memory.store(inv, r[d] + off(w), 8, r[src(w)], pc);
                    case CLASS_STX | MODE_ATOMIC | SIZE_W -> atomic(w, (int) imm, 4, pc);
                    case CLASS_STX | MODE_ATOMIC | SIZE_DW -> atomic(w, (int) imm, 8, pc);
                    default -> throw new IllegalStateException("opcode 0x" + Integer.toHexString(Code.opcode(w))
                            + " passed validation but has no meaning");
                }
                pc++;
            }
        } catch (BpfFault fault) {
            throw fault;
        } catch (RuntimeException e) {
            // Only a bug can get here (validation admits no program that reaches it); report
            // it as a fault of the program rather than let a JVM exception escape.
            throw new BpfFault(pc, "interpreter error: " + e);
        }
    }

    /** The atomic read-modify-write instructions; FETCH (and CMPXCHG into r0) return the old value. */
    private void atomic(int w, int atomicOp, int size, int pc) {
        long address = r[dst(w)] + off(w);
        if (atomicOp == ATOMIC_CMPXCHG) {
            r[0] = Memory.compareExchange(inv, address, size, r[0], r[src(w)], pc);
            return;
        }
        long old = Memory.fetchAndOp(inv, address, size, atomicOp, r[src(w)], pc);
        if ((atomicOp & ATOMIC_FETCH) != 0) {
            r[src(w)] = old;
        }
    }

    /**
     * LD_ABS / LD_IND: r0 = the big-endian value at [imm] or [src + imm] of the context, the
     * offset computed in 32 bits as the kernel's helpers take it. False when out of bounds.
     */
    private boolean packetLoad(int w, long imm) {
        int opcode = Code.opcode(w);
        long offset = mode(opcode) == MODE_ABS ? imm : (int) (r[src(w)] + imm);
        long value = Memory.loadPacket(inv, offset, sizeBytes(opcode));
        if (value < 0) {
            return false;
        }
        r[0] = value;
        return true;
    }

    /** Helper calls (CALL src 0, CALLX) and local calls; returns the next pc. */
    private int call(int w, long imm, int pc) {
        boolean callx = source(Code.opcode(w)) == SRC_X;
        if (!callx && src(w) == CALL_LOCAL) {
            return callLocal(pc + 1 + (int) imm, pc);
        }
        if (!callx && src(w) == CALL_KFUNC) {
            throw CallFaults.kfunc((int) imm, pc);
        }
        long id = callx ? r[dst(w)] : imm; // callx: the dst register holds the helper id
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
     * A BPF-to-BPF call: the caller's r1-r10 are saved, the callee's frame starts where the
     * caller's ends (r10 = caller's r10 - caller's frame size) and each program's part of the
     * chain may use at most 512 bytes of stack in at most 8 frames ({@link Invocation#enterCall}).
     */
    private int callLocal(int target, int pc) {
        Subprogram callee = program.functionAt(target);
        int callerFloor = inv.stackFloor;
        long fp = inv.enterCall(r[10], frameSize, frames.depth(), callee.name(), callee.stackSize(), pc);
        frames.push(pc + 1, program, code, frameSize, callerFloor, inv, r);
        r[10] = fp;
        frameSize = callee.stackSize();
        return target;
    }

    /** EXIT from a callee: back to the caller with its r1-r10 restored; returns the next pc. */
    private int exit() {
        frames.pop(r);
        code = frames.code();
        program = frames.program();
        frameSize = frames.frameSize();
        inv.stackFloor = frames.stackFloor();
        inv.programDepth = frames.programDepth();
        inv.programTop = frames.programTop();
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
        inv.enterTailCall(next, r[10], frames.depth(), pc);
        program = next;
        code = Code.of(next);
        frameSize = next.mainFrameSize();
        return 0;
    }
}
