package org.binfmtbpf.run;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;

/**
 * Everything one run of a program owns: its stack, its context binding, the interpreter
 * path it chose with helper 212, its tail-call count. One invocation per thread is reused
 * from run to run so the hot path allocates nothing; {@link #begin} resets only what a
 * program can observe. An invocation is confined to one thread at a time.
 */
public final class Invocation {
    /** MAX_BPF_STACK: bytes of stack for a program's whole call chain. */
    public static final int STACK_SIZE = 512;
    /** PATH_MAX: helper 212 refuses paths of this length or more. */
    public static final int PATH_MAX = 4096;
    /** MAX_TAIL_CALL_CNT. */
    public static final int MAX_TAIL_CALLS = 33;
    /** MAX_CALL_FRAMES: frames of a program's call chain. */
    public static final int MAX_CALL_FRAMES = 8;
    /**
     * Bytes of stack a run may use: a tail call made from a BPF-to-BPF callee runs its target
     * below the callee's callers, and the target may use {@link #STACK_SIZE} bytes of its own
     * (the kernel's verifier checks each program alone, and its JIT bounds nothing across tail
     * calls). At most {@link #MAX_TAIL_CALLS} tail calls nest, each at most one program's stack
     * deeper. {@link #stackTop()} is the end of this region.
     */
    public static final int RUN_STACK_SIZE = STACK_SIZE * (MAX_TAIL_CALLS + 1);
    /** Frames a run may hold: {@link #MAX_CALL_FRAMES} per program, nested by tail calls as the stack is. */
    public static final int MAX_RUN_FRAMES = MAX_CALL_FRAMES * (MAX_TAIL_CALLS + 1);

    /** Never written: the source {@link #zero} copies from. */
    private static final byte[] ZEROS = new byte[RUN_STACK_SIZE];
    private static final ThreadLocal<Invocation> CURRENT = ThreadLocal.withInitial(Invocation::new);

    public final byte[] stack = new byte[RUN_STACK_SIZE];
    public final Region stackRegion = new Region("stack", Region.Kind.STACK, stack, true);
    public final Region context = new Region("context", Region.Kind.CONTEXT, new byte[0], false);

    private final byte[] interpreter = new byte[PATH_MAX];
    private final byte[] headerBuffer = new byte[ProgramType.HEADER_SIZE];
    /** The lowest stack offset this run has zeroed. */
    private int zeroedFrom;
    private int interpreterLength = -1;

    /**
     * The lowest stack offset the running function may touch: its frame's bottom
     * ({@code r10 - frame size}). Everything from here to the top (the frames of its callers,
     * reachable through pointers they passed) is addressable; below it lie only dead frames.
     * Engines update it on every call, return and tail call; {@link #begin} allows the whole stack.
     */
    public int stackFloor;
    /** The most instructions this run may execute (a fault when exceeded); {@link #UNLIMITED} by default. Set after {@link #begin}; an engine may count it down as it runs. */
    public long budget = UNLIMITED;
    /** The budget meaning "no limit". */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** Tail calls taken in this run; helper 12 refuses the 34th. */
    public int tailCalls;
    /**
     * The running program's part of the call chain: the call depth and stack offset where it
     * began (0 and {@link #RUN_STACK_SIZE} until a tail call from a callee moves them), which
     * {@link #enterCall} counts its {@link #MAX_CALL_FRAMES} frames and {@link #STACK_SIZE}
     * bytes from. Engines restore both when the tail-called program returns to the callee's
     * caller.
     */
    public int programDepth;
    public int programTop = RUN_STACK_SIZE;
    /** Set by helper 12 when a tail call succeeds; the engine switches to it. */
    public Object tailCallTarget;
    /**
     * One register file per call depth, for engines that keep registers in memory across
     * method boundaries (the JIT's chunked functions): a function at depth d owns file d, so
     * a run allocates none. A tail call reuses its caller's depth, and its caller never reads
     * its file again except for r0, which the callee's result overwrites.
     */
    private final long[][] registerFiles = new long[MAX_RUN_FRAMES][REGISTER_FILE_LENGTH];
    /** r0-r10 and one spare word (the JIT keeps the call depth there). */
    public static final int REGISTER_FILE_LENGTH = 12;

    /** The register file of the function running at call depth {@code depth}. */
    public long[] registerFile(int depth) {
        return registerFiles[depth];
    }

    /** The path of the binary being exec'd (a Latin-1 byte string), for the binfmt type's path helper; null outside an exec. */
    private String binaryPath;
    private byte[] binaryPathBytes;

    /**
     * Names the binary being exec'd (a Latin-1 byte string: char i is byte i), or null after
     * the exec. Its bytes are made only when a program asks for them ({@link #binaryPathBytes}):
     * most execs run no program that does.
     */
    public void binaryPath(String path) {
        binaryPath = path;
        binaryPathBytes = null;
    }

    /** The binary's path as bytes, or null outside an exec; made on the first request of an exec. */
    public byte[] binaryPathBytes() {
        if (binaryPathBytes == null && binaryPath != null) {
            binaryPathBytes = binaryPath.getBytes(StandardCharsets.ISO_8859_1);
        }
        return binaryPathBytes;
    }

    /** Where trace_printk output goes; never null. */
    public TraceSink trace = TraceSink.DISCARD;

    /** This thread's reusable invocation. */
    public static Invocation current() {
        return CURRENT.get();
    }

    /**
     * Prepares a run of {@code program} on {@code contextBytes}: binds the context (writable
     * only for RAW programs), forgets any interpreter chosen by an earlier run, resets the
     * tail-call count, the stack floor and the budget, and zeroes the part of the stack the
     * program can reach, so a run never sees a previous run's data (bytes below that part lie
     * outside every frame of the program: an access there faults before it reads them).
     *
     * <p>A header program always sees at least the 256 bytes of BINPRM_BUF_SIZE: a shorter
     * file reads as its bytes followed by zeros, as the kernel's zero-filled {@code bprm->buf}
     * does. The bytes are copied into this invocation's own buffer, so nothing is allocated.
     */
    public void begin(Program program, byte[] contextBytes) {
        bind(program, contextBytes);
        restart(program, true);
    }

    /**
     * Prepares a run of {@code executable}: what {@link #begin(Program, byte[])} does, except
     * that the stack is zeroed only when the executable could observe bytes it did not write
     * ({@link Executable#readsOnlyStackItWrites}). For a verified program the zeroing is
     * invisible, and on short runs (a 'B' handler tried on every exec) it is a large part of
     * the cost: the kernel does not zero either.
     */
    public void begin(Executable executable, byte[] contextBytes) {
        Program program = executable.program();
        bind(program, contextBytes);
        restart(program, !executable.readsOnlyStackItWrites());
    }

    private void bind(Program program, byte[] contextBytes) {
        boolean header = program.headerContext();
        context.rebind(header ? padded(contextBytes) : contextBytes, !header);
    }

    /**
     * Prepares another run of a header program on the header already bound by
     * {@link #begin}: what {@code begin(Executable, byte[])} does except binding the context
     * again. The search loop tries one 'B' entry after another on the same header this way. A
     * header program cannot write its context, so every run sees the same bytes.
     */
    public void again(Executable executable) {
        Program program = executable.program();
        if (!program.headerContext() || context.writable()) {
            throw new IllegalStateException("again() runs header programs on a bound header; " + program.name()
                    + " needs begin()");
        }
        restart(program, !executable.readsOnlyStackItWrites());
    }

    private void restart(Program program, boolean zeroStack) {
        interpreterLength = -1;
        if (tailCalls != 0) { // only a tail call moves the program's part of the chain (a fault may leave it moved)
            tailCalls = 0;
            programDepth = 0;
            programTop = RUN_STACK_SIZE;
        }
        if (tailCallTarget != null) { // a reference store costs a write barrier; it is almost always null
            tailCallTarget = null;
        }
        stackFloor = 0;
        budget = UNLIMITED;
        zeroedFrom = zeroStack ? RUN_STACK_SIZE - program.stackUse() : RUN_STACK_SIZE; // what this run has zeroed
        if (zeroStack) {
            zero(stack, zeroedFrom, RUN_STACK_SIZE);
        }
    }

    /**
     * Zeroes {@code [from, to)} by copying from an array of zeros: HotSpot's arraycopy stub
     * uses wide stores, and measured faster than {@code Arrays.fill} and than a loop of
     * 8-byte VarHandle stores for every frame size (64 bytes: 7 against 18 and 14 ns; 256
     * bytes: 15 against 28 and 53 ns on the benchmark machine). The interpreter zeroes the
     * reachable stack on every run, so this is on its hot path.
     */
    private static void zero(byte[] bytes, int from, int to) {
        System.arraycopy(ZEROS, 0, bytes, from, to - from);
    }

    private byte[] padded(byte[] bytes) {
        if (bytes.length >= ProgramType.HEADER_SIZE) {
            return bytes;
        }
        System.arraycopy(bytes, 0, headerBuffer, 0, bytes.length);
        Arrays.fill(headerBuffer, bytes.length, ProgramType.HEADER_SIZE, (byte) 0);
        return headerBuffer;
    }

    /**
     * Enters a BPF-to-BPF callee, the one rule both engines apply: the callee's frame pointer
     * is the caller's minus the caller's frame, and the running program's chain (from
     * {@link #programDepth} and {@link #programTop}) has at most {@link #MAX_CALL_FRAMES}
     * frames in {@link #STACK_SIZE} bytes, which is what the verifier checks of each program.
     *
     * @param depth the caller's frame (0: the main function of the run)
     * @return the callee's r10; {@link #stackFloor} is set to the bottom of its frame
     */
    public long enterCall(long callerFp, int callerFrame, int depth, String callee, int calleeFrame, int pc) {
        int frames = depth + 2 - programDepth;
        if (frames > MAX_CALL_FRAMES) {
            throw new BpfFault(pc, "call to " + callee + " would make " + frames + " frames (at most "
                    + MAX_CALL_FRAMES + ")");
        }
        long fp = callerFp - callerFrame;
        int floor = Address.offset(fp) - calleeFrame;
        if (floor < programTop - STACK_SIZE) {
            throw new BpfFault(pc, "call to " + callee + " would use " + (programTop - floor)
                    + " bytes of stack (at most " + STACK_SIZE + ")");
        }
        stackFloor = floor;
        return fp;
    }

    /**
     * Moves the running frame to a tail-called program, the one rule both engines apply: the
     * target reuses the caller's frame pointer {@code r10} and gets its own main frame below
     * it; from a callee (depth above the running program's start) the target's own chain begins
     * there. Stack the target can reach and this run has not zeroed yet is zeroed now.
     *
     * @param depth the frame making the tail call
     * @return the new stack floor (also stored in {@link #stackFloor})
     */
    public int enterTailCall(Program next, long r10, int depth, int pc) {
        int top = Address.offset(r10);
        int floor = top - next.mainFrameSize();
        if (next.mainFrameSize() > STACK_SIZE || floor < 0) {
            throw new BpfFault(pc, "tail call to " + next.name() + " would use " + (RUN_STACK_SIZE - floor)
                    + " bytes of stack (at most " + RUN_STACK_SIZE + " across tail calls)");
        }
        programDepth = depth;
        programTop = top;
        int reach = Math.max(0, top - next.stackUse());
        if (reach < zeroedFrom) {
            zero(stack, reach, zeroedFrom);
            zeroedFrom = reach;
        }
        stackFloor = floor;
        return floor;
    }

    /** r1 at entry: the address of the context. */
    public static long contextAddress() {
        return Address.of(Address.CONTEXT_REGION, 0);
    }

    /** r10 of the outermost frame: one past the top of the stack. */
    public static long stackTop() {
        return Address.of(Address.STACK_REGION, RUN_STACK_SIZE);
    }

    // ---- The interpreter chosen by helper 212 ----

    /** Records {@code len} bytes from {@code src} as the chosen interpreter (helper 212 has checked len). */
    public void chooseInterpreter(byte[] src, int offset, int len) {
        System.arraycopy(src, offset, interpreter, 0, len);
        interpreterLength = len;
    }

    /** True when this run chose an interpreter. */
    public boolean hasInterpreter() {
        return interpreterLength > 0;
    }

    /** The chosen interpreter path, or null; allocates, so call it only on a match. */
    public String chosenInterpreter() {
        return interpreterLength > 0 ? new String(interpreter, 0, interpreterLength, StandardCharsets.ISO_8859_1) : null;
    }
}
