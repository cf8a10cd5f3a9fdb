package org.binfmtbpf.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionKind;
import org.binfmtbpf.run.Invocation;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Emits the body of one generated method: a whole BPF function, or one chunk of it. Owns the
 * labels of its instructions and what goes after the body (spill stubs for branches that
 * leave the chunk, handlers that give helper faults their instruction index). The
 * per-instruction work is in {@link AluEmitter}, {@link BranchEmitter}, {@link MemoryEmitter}
 * and {@link CallEmitter}, which use the small vocabulary below.
 */
final class MethodEmitter implements Opcodes {
    static final String INVOCATION = "org/binfmtbpf/run/Invocation";

    final FrameTracker mv;
    final ClassContext cls;
    final FunctionPlan fn;
    final Chunk chunk;
    final RegisterSlots slots;
    private final Label[] labels;
    private final Map<Integer, Label> leaving = new TreeMap<>();
    private final List<Runnable> trailers = new ArrayList<>();
    private final Label end = new Label();
    /** True for the method {@code run} calls: the main function entered in the kernel's entry state. */
    private final boolean runEntry;

    MethodEmitter(MethodVisitor mv, ClassContext cls, FunctionPlan fn, Chunk chunk, RegisterSlots slots) {
        this(mv, cls, fn, chunk, slots, false);
    }

    private MethodEmitter(MethodVisitor mv, ClassContext cls, FunctionPlan fn, Chunk chunk, RegisterSlots slots,
                          boolean runEntry) {
        this.mv = new FrameTracker(mv, slots.frameLocals());
        this.cls = cls;
        this.fn = fn;
        this.chunk = chunk;
        this.slots = slots;
        this.labels = new Label[chunk.end() - chunk.start()];
        this.runEntry = runEntry;
    }

    /**
     * The emitter of {@code static long main(Invocation)}: the unchunked main function again,
     * its registers set in its prologue to the kernel's entry state (r1 = context, r2 = its
     * length, r10 = stack top, the rest 0) instead of passed in. {@code run} calls it with one
     * argument rather than {@code f0} with thirteen, and HotSpot sees the constants.
     */
    static MethodEmitter forRunEntry(MethodVisitor mv, ClassContext cls, FunctionPlan main) {
        return new MethodEmitter(mv, cls, main, main.chunks.get(0), RegisterSlots.forFunction(), true);
    }

    boolean inChunk() {
        return slots.registerFile() >= 0;
    }

    /** Emits the method's code; returns the label after the last byte (its offset is the code size). */
    Label emit() {
        mv.visitCode();
        for (int pc = chunk.start(); pc < chunk.end(); pc++) {
            labels[pc - chunk.start()] = new Label();
        }
        if (inChunk()) {
            chunkPrologue();
        } else {
            functionPrologue();
        }
        int last = -1;
        for (int pc = chunk.start(); pc < chunk.end(); pc++) {
            if (!cls.plan.instructionStart[pc]) {
                continue;
            }
            Label l = labels[pc - chunk.start()];
            mv.visitLabel(l);
            mv.frame();
            mv.visitLineNumber(pc & 0xffff, l);
            if (cls.counted) {
                mv.visitVarInsn(ALOAD, RegisterSlots.INV);
                pushInt(pc);
                invokeStatic(ClassContext.RUNTIME, "tick", "(Lorg/binfmtbpf/run/Invocation;I)V");
            }
            InstructionEmitter.emit(this, cls.plan.program.insn(pc), pc);
            last = pc;
        }
        if (last < 0 || InstructionKind.fallsThrough(cls.plan.program.insn(last))) {
            int next = chunk.end();
            if (next < fn.function.end()) {
                mv.visitJumpInsn(GOTO, branchTarget(last, next));
            } else {
                pushInt(last < 0 ? chunk.start() : last);
                mv.visitMethodInsn(INVOKESTATIC, ClassContext.RUNTIME, "fellOffEnd", "(I)Lorg/binfmtbpf/run/BpfFault;", false);
                mv.visitInsn(ATHROW);
            }
        }
        leaving.forEach((target, label) -> spillStub(target, label));
        trailers.forEach(Runnable::run);
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end;
    }

    /** True when r10 is the stack top wherever this chunk's function is entered (see {@link #chunkPrologue}). */
    private boolean framePointerIsStackTop() {
        return fn.index == 0 && cls.mainAtStackTop && !fn.writesFramePointer;
    }

    private void functionPrologue() {
        if (runEntry) {
            entryState(); // r10 included
        }
        loadStackArray();
        if (fn.index == 0 && cls.mainAtStackTop && !runEntry) {
            // The r10 parameter is the stack top whenever this variant runs: say so with a constant.
            pushLong(Invocation.stackTop());
            store(10);
        }
    }

    /**
     * Loads the registers live at some entry of this chunk from the register file; the others
     * are written before they are read, so they start as 0. r10 of a pinned main function that
     * never writes it is the stack top, a constant, as in an unchunked one.
     */
    private void chunkPrologue() {
        int live = 0;
        for (int entry : chunk.entries()) {
            live |= cls.plan.liveIn(entry);
        }
        for (int r = 0; r <= 10; r++) {
            if (r == 10 && framePointerIsStackTop()) {
                pushLong(Invocation.stackTop());
            } else if ((live & 1 << r) != 0) {
                mv.visitVarInsn(ALOAD, slots.registerFile());
                pushInt(r);
                mv.visitInsn(LALOAD);
            } else {
                mv.visitInsn(LCONST_0);
            }
            store(r);
        }
        mv.visitVarInsn(ALOAD, slots.registerFile());
        pushInt(RegisterSlots.DEPTH_INDEX);
        mv.visitInsn(LALOAD);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, slots.depth());
        loadStackArray();
        List<Integer> entries = chunk.entries();
        if (entries.size() > 1) {
            Label[] targets = new Label[entries.size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = labels[entries.get(i) - chunk.start()];
            }
            mv.visitVarInsn(ILOAD, 2);
            mv.visitTableSwitchInsn(0, targets.length - 1, targets[0], targets);
        }
    }

    /** r1 = the context's address, r2 = its length, r10 = the stack top, r0 and r3-r9 = 0, depth 0. */
    private void entryState() {
        for (int r = 0; r <= 10; r++) {
            pushEntryValue(mv, cls.constants, RegisterSlots.INV, r);
            store(r);
        }
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, slots.depth());
    }

    /**
     * Pushes what register {@code r} holds when a run starts, the kernel's entry state: r1 the
     * context's address, r2 its length (read from the invocation in local {@code invSlot}), r10
     * the stack top, every other register 0. {@code run} and the main entry method share it.
     */
    static void pushEntryValue(MethodVisitor mv, Constants constants, int invSlot, int r) {
        if (r == 1) {
            constants.pushLong(mv, Invocation.contextAddress());
        } else if (r == 2) {
            mv.visitVarInsn(ALOAD, invSlot);
            mv.visitFieldInsn(GETFIELD, INVOCATION, "context", "Lorg/binfmtbpf/mem/Region;");
            mv.visitMethodInsn(INVOKEVIRTUAL, "org/binfmtbpf/mem/Region", "size", "()I", false);
            mv.visitInsn(I2L);
        } else if (r == 10) {
            constants.pushLong(mv, Invocation.stackTop());
        } else {
            mv.visitInsn(LCONST_0);
        }
    }

    /** The arrays every direct access indexes, in locals: the stack and the context's bytes. */
    private void loadStackArray() {
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        mv.visitFieldInsn(GETFIELD, INVOCATION, "stack", "[B");
        mv.visitVarInsn(ASTORE, slots.stack());
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, slots.savedFloor());
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        mv.visitFieldInsn(GETFIELD, INVOCATION, "context", "Lorg/binfmtbpf/mem/Region;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/binfmtbpf/mem/Region", "bytes", "()[B", false);
        mv.visitVarInsn(ASTORE, slots.context());
    }

    // ---- vocabulary for the instruction emitters ----

    void load(int reg) {
        mv.visitVarInsn(LLOAD, slots.reg()[reg]);
    }

    void store(int reg) {
        mv.visitVarInsn(LSTORE, slots.reg()[reg]);
    }

    void pushInt(int v) {
        cls.constants.pushInt(mv, v);
    }

    void pushLong(long v) {
        cls.constants.pushLong(mv, v);
    }

    void invokeStatic(String owner, String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
    }

    /** The label a branch at {@code pc} to {@code target} jumps to: in this method, or a spill stub. */
    Label branchTarget(int pc, int target) {
        if (target < fn.function.start() || target >= fn.function.end() || !cls.plan.instructionStart[target]) {
            throw new IllegalArgumentException("insn " + pc + ": jump to " + target + " is not an instruction of function "
                    + fn.function.name());
        }
        if (chunk.contains(target)) {
            return labels[target - chunk.start()];
        }
        return leaving.computeIfAbsent(target, t -> new Label());
    }

    /** Leaves the BPF function with r0 as its result. */
    void exitFunction() {
        if (inChunk()) {
            mv.visitVarInsn(ALOAD, slots.registerFile());
            mv.visitInsn(ICONST_0);
            load(0);
            mv.visitInsn(LASTORE);
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
        } else {
            load(0);
            mv.visitInsn(LRETURN);
        }
    }

    /**
     * After a call that may have been bpf_tail_call: if it succeeded, the target program runs
     * on this function's registers and frame, and its result is this function's result.
     */
    void tailCallIfRequested(int pc) {
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        mv.visitFieldInsn(GETFIELD, INVOCATION, "tailCallTarget", "Ljava/lang/Object;");
        Label stay = new Label();
        mv.visitJumpInsn(IFNULL, stay);
        mv.visitFieldInsn(GETSTATIC, cls.className, ClassContext.TARGETS_FIELD, ClassContext.TARGETS_TYPE);
        mv.visitInsn(cls.counted ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ALOAD, RegisterSlots.INV);
        for (int r = 0; r <= 10; r++) {
            load(r);
        }
        mv.visitVarInsn(ILOAD, slots.depth());
        pushInt(pc);
        invokeStatic(ClassContext.RUNTIME, "tailCall",
                "(Lorg/binfmtbpf/jit/TailCallTargets;ZLorg/binfmtbpf/run/Invocation;JJJJJJJJJJJII)J");
        store(0);
        exitFunction();
        mv.visitLabel(stay);
        mv.frame();
    }

    /** Code placed after the body (exception handlers). */
    void trailer(Runnable code) {
        trailers.add(code);
    }

    private void spillStub(int target, Label label) {
        mv.visitLabel(label);
        mv.frame();
        if (!inChunk()) {
            throw new IllegalStateException("branch to " + target + " leaves an unchunked function");
        }
        int live = cls.plan.liveIn(target);
        for (int r = 0; r <= 10; r++) {
            if ((live & 1 << r) != 0 && !(r == 10 && framePointerIsStackTop())) { // only what the target may read
                mv.visitVarInsn(ALOAD, slots.registerFile());
                pushInt(r);
                load(r);
                mv.visitInsn(LASTORE);
            }
        }
        pushInt(fn.chunkAt(target).transferCode(target));
        mv.visitInsn(IRETURN);
    }

}
