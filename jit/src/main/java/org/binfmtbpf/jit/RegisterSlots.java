package org.binfmtbpf.jit;

/**
 * Where a generated method keeps the eBPF registers (each a {@code long} local, two slots)
 * and its other state. Slot 0 is always the {@code Invocation}.
 *
 * <p>A function method receives all eleven registers and the call depth as parameters, so a
 * BPF-to-BPF call or a tail call is a plain call that hands over the registers exactly as the
 * interpreter's shared register file does. A chunk method receives a register file
 * ({@code long[]}) and an entry index and copies the registers into locals.
 *
 * @param reg          local slot of r0..r10
 * @param depth        int local: the call depth (0 = main)
 * @param stack        local holding {@code inv.stack}
 * @param savedFloor   int local: the caller's stack floor, saved around a BPF-to-BPF call
 * @param registerFile local holding the {@code long[]} register file, or -1
 */
record RegisterSlots(int[] reg, int depth, int stack, int savedFloor, int registerFile) {
    static final int INV = 0;
    /** Index in the register file that carries the call depth. */
    static final int DEPTH_INDEX = 11;
    /** Length of a register file: r0..r10 and the depth. */
    static final int FILE_LENGTH = org.binfmtbpf.run.Invocation.REGISTER_FILE_LENGTH;

    /** JVM descriptor of a function method: (inv, r0..r10, depth) -> r0. */
    static final String FUNCTION_DESCRIPTOR = "(Lorg/binfmtbpf/run/Invocation;JJJJJJJJJJJI)J";
    /** JVM descriptor of a chunk method: (inv, register file, entry) -> next transfer code, or -1 on exit. */
    static final String CHUNK_DESCRIPTOR = "(Lorg/binfmtbpf/run/Invocation;[JI)I";

    static RegisterSlots forFunction() {
        return new RegisterSlots(registersFrom(1), 23, 24, 25, -1);
    }

    static RegisterSlots forChunk() {
        return new RegisterSlots(registersFrom(3), 25, 26, 27, 1);
    }

    /**
     * The locals of this layout for stack map frames: every slot has one type for the whole
     * method (see {@link FrameTracker}).
     */
    Object[] frameLocals() {
        java.util.List<Object> l = new java.util.ArrayList<>();
        l.add("org/binfmtbpf/run/Invocation");
        if (registerFile >= 0) {
            l.add("[J");
            l.add(org.objectweb.asm.Opcodes.INTEGER);
        }
        for (int r = 0; r <= 10; r++) {
            l.add(org.objectweb.asm.Opcodes.LONG);
        }
        l.add(org.objectweb.asm.Opcodes.INTEGER); // depth
        l.add("[B");                              // stack
        l.add(org.objectweb.asm.Opcodes.INTEGER); // saved floor
        return l.toArray();
    }

    private static int[] registersFrom(int first) {
        int[] reg = new int[11];
        for (int r = 0; r < 11; r++) {
            reg[r] = first + 2 * r;
        }
        return reg;
    }
}
