package org.binfmtbpf.run;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.program.Program;

/**
 * Everything one run of a program owns: its stack, its context binding, the interpreter
 * path it chose with helper 212, its tail-call count. One invocation per thread is reused
 * from run to run so the hot path allocates nothing; {@link #begin} resets only what a
 * program can observe. An invocation is confined to one thread at a time.
 */
public final class Invocation {
    /** MAX_BPF_STACK: bytes of stack for the whole call chain. */
    public static final int STACK_SIZE = 512;
    /** PATH_MAX: helper 212 refuses paths of this length or more. */
    public static final int PATH_MAX = 4096;
    /** MAX_TAIL_CALL_CNT. */
    public static final int MAX_TAIL_CALLS = 33;
    /** MAX_CALL_FRAMES. */
    public static final int MAX_CALL_FRAMES = 8;

    private static final ThreadLocal<Invocation> CURRENT = ThreadLocal.withInitial(Invocation::new);

    public final byte[] stack = new byte[STACK_SIZE];
    public final Region stackRegion = new Region("stack", Region.Kind.STACK, stack, true);
    public final Region context = new Region("context", Region.Kind.CONTEXT, new byte[0], false);

    private final byte[] interpreter = new byte[PATH_MAX];
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
    /** Set by helper 12 when a tail call succeeds; the engine switches to it. */
    public Object tailCallTarget;
    /** The path of the binary being exec'd, for the binfmt program type's path helper; may be null. */
    public byte[] binaryPath;
    /** Where trace_printk output goes; never null. */
    public TraceSink trace = TraceSink.DISCARD;

    /** This thread's reusable invocation. */
    public static Invocation current() {
        return CURRENT.get();
    }

    /**
     * Prepares a run of {@code program} on {@code contextBytes}: binds the context (writable
     * only for RAW programs), forgets any interpreter chosen by an earlier run, resets the
     * tail-call count, the stack floor and the budget, and zeroes the stack, so a run never sees a previous run's data.
     */
    public void begin(Program program, byte[] contextBytes) {
        context.rebind(contextBytes, !program.type().headerContext());
        interpreterLength = -1;
        tailCalls = 0;
        tailCallTarget = null;
        stackFloor = 0;
        budget = UNLIMITED;
        Arrays.fill(stack, (byte) 0);
    }

    /** r1 at entry: the address of the context. */
    public static long contextAddress() {
        return Address.of(Address.CONTEXT_REGION, 0);
    }

    /** r10 of the outermost frame: one past the top of the stack. */
    public static long stackTop() {
        return Address.of(Address.STACK_REGION, STACK_SIZE);
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
