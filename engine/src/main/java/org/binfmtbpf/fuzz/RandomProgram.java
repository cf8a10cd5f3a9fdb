package org.binfmtbpf.fuzz;

import static org.binfmtbpf.isa.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.binfmtbpf.isa.Instruction;

/**
 * Generates random valid programs for differential testing: every instruction class (ALU and
 * ALU64 with all operations including cpu v4 sign extension, signed division and byte swaps;
 * LD_IMM64; loads, sign-extending loads, stores and all atomics on the stack, the context and
 * non-pointers, in and out of bounds; LD_ABS / LD_IND; JMP and JMP32 conditions, JA and JA32;
 * helper calls, CALLX, BPF-to-BPF calls), with loops bounded by construction.
 *
 * <p>Register discipline keeps programs inside what both engines define identically (the
 * verifier's rules): r6 holds the context pointer, r7 a stack pointer, r9 is the loop counter,
 * and r1-r5 are not read after a BPF-to-BPF call until written again.
 */
public final class RandomProgram {
    /**
     * Which oracles a program must make sense to. ENGINE: our engines only (the fuzz helpers,
     * CALLX, LD_ABS, context writes, pointers in arithmetic). KERNEL: also a kernel
     * {@code syscall} program: no helpers, only scalars reach r0 and memory, the stack is
     * zeroed first, r7 points at the value of the array map (an LD_IMM64 map-value slot the
     * {@link FuzzCase} relocates), callees get the context and the map pointer as arguments,
     * and a small share of accesses is deliberately out of bounds or misaligned so that both
     * verifiers must refuse them.
     */
    public enum Profile { ENGINE, KERNEL }

    /** Size of the array map's single value that KERNEL programs read and write through r7. */
    public static final int MAP_VALUE_SIZE = 64;

    private static final int[] ALU_OPS = {ALU_ADD, ALU_SUB, ALU_MUL, ALU_DIV, ALU_OR, ALU_AND, ALU_LSH, ALU_RSH, ALU_NEG,
            ALU_MOD, ALU_XOR, ALU_MOV, ALU_ARSH, ALU_END};
    private static final int[] CONDITIONS = {JMP_JEQ, JMP_JGT, JMP_JGE, JMP_JSET, JMP_JNE, JMP_JSGT, JMP_JSGE, JMP_JLT,
            JMP_JLE, JMP_JSLT, JMP_JSLE};
    private static final int[] ATOMICS = {ATOMIC_ADD, ATOMIC_OR, ATOMIC_AND, ATOMIC_XOR, ATOMIC_ADD | ATOMIC_FETCH,
            ATOMIC_OR | ATOMIC_FETCH, ATOMIC_AND | ATOMIC_FETCH, ATOMIC_XOR | ATOMIC_FETCH, ATOMIC_XCHG, ATOMIC_CMPXCHG};
    private static final int[] WRITABLE = {0, 1, 2, 3, 4, 5, 8};
    private static final int LOOP = 9;
    private static final int CTX = 6;
    private static final int STACK_PTR = 7;

    private final Random rnd;
    private final int functions;
    private final List<Object> code = new ArrayList<>();
    private int labels;
    private final boolean[] defined = new boolean[11];
    private boolean inLoop;
    private int function;

    private record Label(int id) {}

    /** A jump to a label: through off (JMP), through imm (JA32), or a local call (imm). */
    private record Jump(Instruction template, int label, boolean viaImm) {}

    private final boolean kernel;
    private boolean[] called;

    private RandomProgram(long seed, Profile profile) {
        this.rnd = new Random(seed);
        this.kernel = profile == Profile.KERNEL;
        this.functions = 1 + rnd.nextInt(3);
    }

    /** The slots of a random program; the same seed gives the same program. */
    public static Instruction[] generate(long seed) {
        return generate(seed, Profile.ENGINE);
    }

    /** The slots of a random program of {@code profile}; the same seed and profile give the same program. */
    public static Instruction[] generate(long seed, Profile profile) {
        return new RandomProgram(seed, profile).build();
    }

    private Instruction[] build() {
        int[] entry = new int[functions];
        called = new boolean[functions];
        for (int f = 0; f < functions; f++) {
            entry[f] = labels++;
        }
        for (int f = 0; f < functions; f++) {
            function = f;
            code.add(new Label(entry[f]));
            java.util.Arrays.fill(defined, true);
            if (kernel) {
                kernelPrologue(f == 0);
            } else if (f == 0) {
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, CTX, 1, 0, 0));
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, STACK_PTR, 10, 0, 0));
                add(Instruction.of(CLASS_ALU64 | ALU_ADD | SRC_K, STACK_PTR, 0, 0, -64));
            }
            block(8 + rnd.nextInt(30), 0, entry);
            if (f + 1 < functions && !called[f + 1]) { // the validator refuses unreachable code
                localCall(f + 1, entry);
            }
            exit();
        }
        return resolve();
    }

    private void block(int n, int nesting, int[] entry) {
        for (int i = 0; i < n; i++) {
            int choice = rnd.nextInt(100);
            if (choice < 35) {
                alu();
            } else if (choice < 40) {
                ldImm64(pick(WRITABLE), interesting());
            } else if (choice < 62) {
                memory();
            } else if (choice < 70 && nesting < 3) {
                int skip = labels++;
                conditionalJump(skip);
                boolean[] before = defined.clone();
                block(1 + rnd.nextInt(5), nesting + 1, entry);
                code.add(new Label(skip));
                meet(before); // defined after the label only if defined on both paths
            } else if (choice < 74 && nesting < 3 && !inLoop) {
                loop(nesting, entry);
            } else if (choice < 79 && !kernel) {
                helperCall();
            } else if (choice < 81 && !kernel) {
                callx();
            } else if (choice < 85 && function + 1 < functions) {
                localCall(function + 1 + rnd.nextInt(functions - function - 1), entry);
            } else if (choice < 88 && !kernel) {
                packetLoad();
            } else if (choice < 90) {
                int skip = labels++;
                conditionalJump(skip);
                boolean[] before = defined.clone();
                exit();
                code.add(new Label(skip));
                System.arraycopy(before, 0, defined, 0, before.length);
            } else if (choice < 92) {
                // cond L1; ja L2; L1: alu; L2: -- the JA skips code reachable only by the condition
                int other = labels++;
                int skip = labels++;
                conditionalJump(other);
                boolean ja32 = rnd.nextBoolean();
                code.add(new Jump(Instruction.of(ja32 ? CLASS_JMP32 | JMP_JA : CLASS_JMP | JMP_JA, 0, 0, 0, 0), skip, ja32));
                boolean[] before = defined.clone();
                code.add(new Label(other));
                alu();
                code.add(new Label(skip));
                meet(before);
            } else {
                alu();
            }
        }
    }

    /**
     * The kernel's view of a frame: r1-r5 and r10 only. The main function zeroes the stack it
     * uses (the kernel's is not zeroed) and loads the map value pointer; callees take the
     * context and the map pointer from r1 and r2.
     */
    private void kernelPrologue(boolean main) {
        java.util.Arrays.fill(defined, false);
        for (int r = 1; r <= 5; r++) {
            defined[r] = r > 2 && !main; // r1 and r2 hold pointers: never read as values
        }
        add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, CTX, 1, 0, 0));
        for (int slot = 1; slot <= 16; slot++) {
            add(Instruction.of(CLASS_ST | MODE_MEM | SIZE_DW, 10, 0, -8 * slot, 0));
        }
        defined[CTX] = true;
        defined[STACK_PTR] = true;
        if (main) {
            add(Instruction.ldImm64(STACK_PTR, PSEUDO_MAP_VALUE, 0));
        } else {
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, STACK_PTR, 2, 0, 0));
        }
    }

    private void localCall(int callee, int[] entry) {
        defineArguments();
        if (kernel) {
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, 1, CTX, 0, 0));
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, 2, STACK_PTR, 0, 0));
        }
        code.add(new Jump(Instruction.of(CLASS_JMP | JMP_CALL, 0, CALL_LOCAL, 0, 0), entry[callee], true));
        called[callee] = true;
        if (kernel) { // the kernel's verifier makes r1-r5 unreadable after a call; our engines give the caller its own back
            for (int r = 1; r <= 5; r++) {
                defined[r] = false;
            }
        }
        defined[0] = true;
    }

    /** Exit, with r0 defined first (the kernel refuses to return an uninitialised r0). */
    private void exit() {
        if (!defined[0]) {
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, 0, 0, 0, (int) interesting()));
            defined[0] = true;
        }
        add(Instruction.of(CLASS_JMP | JMP_EXIT, 0, 0, 0, 0));
    }

    private void loop(int nesting, int[] entry) {
        add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, LOOP, 0, 0, 1 + rnd.nextInt(4)));
        int top = labels++;
        code.add(new Label(top));
        inLoop = true;
        boolean[] atTop = defined.clone();
        block(1 + rnd.nextInt(6), nesting + 1, entry);
        inLoop = false;
        for (int r = 0; r < atTop.length; r++) {
            if (atTop[r] && !defined[r]) { // the next iteration starts with what the first assumed
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, r, 0, 0, (int) interesting()));
                defined[r] = true;
            }
        }
        add(Instruction.of(CLASS_ALU64 | ALU_ADD | SRC_K, LOOP, 0, 0, -1));
        code.add(new Jump(Instruction.of(CLASS_JMP | JMP_JNE | SRC_K, LOOP, 0, 0, 0), top, false));
    }

    private void alu() {
        boolean wide = rnd.nextBoolean();
        int cls = wide ? CLASS_ALU64 : CLASS_ALU;
        int op = ALU_OPS[rnd.nextInt(ALU_OPS.length)];
        int dst = pick(WRITABLE);
        if (op != ALU_MOV && !defined[dst]) { // every other operation reads dst
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, dst, 0, 0, (int) interesting()));
        }
        switch (op) {
            case ALU_NEG -> add(Instruction.of(cls | op, dst, 0, 0, 0));
            case ALU_END -> {
                int bits = new int[] {16, 32, 64}[rnd.nextInt(3)];
                int opcode = wide ? CLASS_ALU64 | ALU_END : CLASS_ALU | ALU_END | (rnd.nextBoolean() ? SRC_X : SRC_K);
                add(Instruction.of(opcode, dst, 0, 0, bits));
            }
            case ALU_MOV -> {
                if (rnd.nextBoolean()) {
                    add(Instruction.of(cls | op | SRC_K, dst, 0, 0, (int) interesting()));
                } else {
                    int[] widths = wide ? new int[] {0, 8, 16, 32} : new int[] {0, 8, 16};
                    add(Instruction.of(cls | op | SRC_X, dst, readable(), widths[rnd.nextInt(widths.length)], 0));
                }
            }
            default -> {
                int off = (op == ALU_DIV || op == ALU_MOD) && rnd.nextBoolean() ? 1 : 0;
                if (rnd.nextBoolean()) {
                    int imm = op == ALU_LSH || op == ALU_RSH || op == ALU_ARSH ? rnd.nextInt(wide ? 64 : 32) : (int) interesting();
                    add(Instruction.of(cls | op | SRC_K, dst, 0, off, imm));
                } else {
                    add(Instruction.of(cls | op | SRC_X, dst, readable(), off, 0));
                }
            }
        }
        defined[dst] = true;
    }

    private void ldImm64(int dst, long value) {
        add(Instruction.ldImm64(dst, 0, value));
        defined[dst] = true;
    }

    private void memory() {
        if (kernel) {
            kernelMemory();
            return;
        }
        int base;
        int off;
        int kind = rnd.nextInt(10);
        if (kind < 4) {
            base = 10;
            off = rnd.nextInt(10) == 0 ? rnd.nextInt(40) - 560 : -8 * (1 + rnd.nextInt(16)) + (rnd.nextInt(6) == 0 ? rnd.nextInt(8) : 0);
        } else if (kind < 6) {
            base = STACK_PTR;
            off = rnd.nextInt(128) - 64;
        } else if (kind < 9) {
            base = CTX;
            off = rnd.nextInt(80) - 4;
        } else {
            base = readable();
            off = rnd.nextInt(16);
        }
        int[] sizes = {SIZE_B, SIZE_H, SIZE_W, SIZE_DW};
        int size = sizes[rnd.nextInt(4)];
        int what = rnd.nextInt(10);
        if (what < 4) {
            boolean sx = size != SIZE_DW && rnd.nextInt(3) == 0;
            int dst = pick(WRITABLE);
            add(Instruction.of(CLASS_LDX | (sx ? MODE_MEMSX : MODE_MEM) | size, dst, base, off, 0));
            defined[dst] = true;
        } else if (what < 6) {
            add(Instruction.of(CLASS_ST | MODE_MEM | size, base, 0, off, (int) interesting()));
        } else if (what < 8) {
            add(Instruction.of(CLASS_STX | MODE_MEM | size, base, readable(), off, 0));
        } else {
            int op = ATOMICS[rnd.nextInt(ATOMICS.length)];
            int src = (op & ATOMIC_FETCH) != 0 ? pick(WRITABLE) : readable();
            if (!defined[src]) {
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, src, 0, 0, (int) interesting()));
                defined[src] = true;
            }
            if (base == src) {
                return;
            }
            int atomicSize = rnd.nextBoolean() ? SIZE_W : SIZE_DW;
            if (base == 10 && rnd.nextInt(4) != 0) {
                off &= ~7;
            }
            add(Instruction.of(CLASS_STX | MODE_ATOMIC | atomicSize, base, src, off, op));
        }
    }

    /**
     * Loads, stores and atomics on the zeroed stack, the map value (r7) and context loads
     * (aligned, as the kernel demands); about one in twenty is out of bounds, misaligned or
     * through a scalar, which both verifiers must refuse.
     */
    private void kernelMemory() {
        int[] sizes = {SIZE_B, SIZE_H, SIZE_W, SIZE_DW};
        int size = sizes[rnd.nextInt(4)];
        int bytes = size == SIZE_B ? 1 : size == SIZE_H ? 2 : size == SIZE_W ? 4 : 8;
        boolean wrong = rnd.nextInt(20) == 0;
        int kind = rnd.nextInt(3);
        int what = rnd.nextInt(10);
        if (kind == 0 && what < 6 && !wrong) { // context: aligned loads only
            int off = bytes * rnd.nextInt(256 / bytes);
            ldx(size, CTX, off);
            return;
        }
        int base = kind == 1 ? STACK_PTR : 10;
        int span = base == 10 ? 128 : MAP_VALUE_SIZE;
        int off = bytes * rnd.nextInt(span / bytes);
        if (base == 10) {
            off -= 128;
        }
        if (wrong) {
            switch (rnd.nextInt(4)) {
                case 0 -> off += 1 + rnd.nextInt(Math.max(1, bytes - 1)) + (bytes == 1 ? span : 0);
                case 1 -> off += span;
                case 2 -> { // a negative context offset, as a load: the kernel lets syscall programs write
                    base = CTX;   // their context, our header context is read-only (docs/FUZZING.md)
                    what = 0;
                }
                default -> base = readable();
            }
        }
        if (what < 4) {
            ldx(size, base, off);
        } else if (what < 6) {
            add(Instruction.of(CLASS_ST | MODE_MEM | size, base, 0, off, (int) interesting()));
        } else if (what < 8) {
            add(Instruction.of(CLASS_STX | MODE_MEM | size, base, readable(), off, 0));
        } else {
            int op = ATOMICS[rnd.nextInt(ATOMICS.length)];
            int src = pick(WRITABLE);
            if (!defined[src]) {
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, src, 0, 0, (int) interesting()));
                defined[src] = true;
            }
            if (op == ATOMIC_CMPXCHG && !defined[0]) {
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, 0, 0, 0, (int) interesting()));
                defined[0] = true;
            }
            int atomicSize = rnd.nextBoolean() ? SIZE_W : SIZE_DW;
            if (!wrong) {
                off &= atomicSize == SIZE_W ? ~3 : ~7;
            }
            add(Instruction.of(CLASS_STX | MODE_ATOMIC | atomicSize, base, src, off, op));
            if (op == ATOMIC_CMPXCHG) {
                defined[0] = true;
            }
        }
    }

    private void ldx(int size, int base, int off) {
        boolean sx = size != SIZE_DW && rnd.nextInt(3) == 0;
        int dst = pick(WRITABLE);
        add(Instruction.of(CLASS_LDX | (sx ? MODE_MEMSX : MODE_MEM) | size, dst, base, off, 0));
        defined[dst] = true;
    }

    private void conditionalJump(int label) {
        boolean jmp32 = rnd.nextBoolean();
        int op = CONDITIONS[rnd.nextInt(CONDITIONS.length)];
        int cls = jmp32 ? CLASS_JMP32 : CLASS_JMP;
        Instruction t = rnd.nextBoolean()
                ? Instruction.of(cls | op | SRC_K, readable(), 0, 0, (int) interesting())
                : Instruction.of(cls | op | SRC_X, readable(), readable(), 0, 0);
        code.add(new Jump(t, label, false));
    }

    private void helperCall() {
        defineArguments();
        int id = 1 + rnd.nextInt(4);
        if (id == FuzzHelpers.STORE_BYTE) {
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_X, 1, rnd.nextBoolean() ? STACK_PTR : CTX, 0, 0));
            add(Instruction.of(CLASS_ALU64 | ALU_ADD | SRC_K, 1, 0, 0, rnd.nextInt(80) - 8));
        }
        add(Instruction.of(CLASS_JMP | JMP_CALL, 0, CALL_HELPER, 0, id));
        defined[0] = true;
    }

    private void callx() {
        defineArguments();
        int id = rnd.nextInt(8) == 0 ? 99 : 1 + rnd.nextInt(4);
        add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, 8, 0, 0, id == FuzzHelpers.STORE_BYTE ? FuzzHelpers.MIX : id));
        add(Instruction.of(CLASS_JMP | JMP_CALL | SRC_X, 8, 0, 0, 0));
    }

    private void packetLoad() {
        int[] sizes = {SIZE_B, SIZE_H, SIZE_W};
        int size = sizes[rnd.nextInt(3)];
        if (rnd.nextBoolean()) {
            add(Instruction.of(CLASS_LD | MODE_ABS | size, 0, 0, 0, rnd.nextInt(72) - 2));
        } else {
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, 8, 0, 0, rnd.nextInt(64) - 4));
            add(Instruction.of(CLASS_LD | MODE_IND | size, 0, 8, 0, rnd.nextInt(16)));
            defined[8] = true;
        }
        defined[0] = true;
    }

    private void meet(boolean[] other) {
        for (int r = 0; r < defined.length; r++) {
            defined[r] &= other[r];
        }
    }

    private void defineArguments() {
        for (int r = 1; r <= 5; r++) {
            if (!defined[r]) {
                add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, r, 0, 0, (int) interesting()));
                defined[r] = true;
            }
        }
    }

    /** A defined register; for the kernel only a scalar (a pointer's value differs between runtimes). */
    private int readable() {
        boolean any = false;
        for (int r = 0; r < defined.length; r++) {
            any |= defined[r] && !(kernel && (r == CTX || r == STACK_PTR || r == 10));
        }
        if (!any) { // a kernel frame starts with no scalar: make one
            int r = pick(WRITABLE);
            add(Instruction.of(CLASS_ALU64 | ALU_MOV | SRC_K, r, 0, 0, (int) interesting()));
            defined[r] = true;
            return r;
        }
        while (true) {
            int r = rnd.nextInt(11);
            if (defined[r] && !(kernel && (r == CTX || r == STACK_PTR || r == 10))) {
                return r;
            }
        }
    }

    private int pick(int[] regs) {
        return regs[rnd.nextInt(regs.length)];
    }

    private long interesting() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> Integer.MIN_VALUE;
            case 4 -> Integer.MAX_VALUE;
            case 5 -> Long.MIN_VALUE;
            case 6 -> rnd.nextInt(64);
            default -> rnd.nextLong();
        };
    }

    private void add(Instruction insn) {
        code.add(insn);
    }

    private Instruction[] resolve() {
        Map<Integer, Integer> at = new HashMap<>();
        int pc = 0;
        for (Object o : code) {
            if (o instanceof Label l) {
                at.put(l.id(), pc);
            } else if (o instanceof Instruction i) {
                pc += i.slots();
            } else {
                pc++;
            }
        }
        List<Instruction> out = new ArrayList<>();
        pc = 0;
        for (Object o : code) {
            if (o instanceof Instruction i) {
                out.add(i);
                if (i.isLdImm64()) {
                    out.add(Instruction.of(0, 0, 0, 0, i.imm2()));
                }
                pc += i.slots();
            } else if (o instanceof Jump j) {
                int delta = at.get(j.label()) - (pc + 1);
                Instruction t = j.template();
                out.add(j.viaImm()
                        ? Instruction.of(t.opcode(), t.dst(), t.src(), t.off(), delta)
                        : Instruction.of(t.opcode(), t.dst(), t.src(), delta, t.imm()));
                pc++;
            }
        }
        return out.toArray(new Instruction[0]);
    }
}
