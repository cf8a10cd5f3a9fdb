package org.binfmtbpf.verifier;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.SourceLine;

/**
 * The verifier's log, in the kernel's style: instructions as {@code 12: (71) ...}, register
 * state as {@code R0=0 R1=ctx() R10=fp0 fp-8=mmmmmmmm}, the C source line before the first
 * instruction of each line as {@code ; if (hdr[0] != 0x7f) @ qemu.bpf.c:42}. Bounded in size
 * so a long exploration cannot exhaust memory.
 */
final class VerifierLog {
    private static final int MAX_CHARS = 4 << 20;

    private final int level;
    private final Program program;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;
    private SourceLine lastLine;

    VerifierLog(int level, Program program) {
        this.level = level;
        this.program = program;
    }

    /** True when the log records level {@code l}; level 2 stops once the log is full. */
    boolean atLeast(int l) {
        return level >= l && (l < 2 || !truncated);
    }

    void line(String s) {
        if (truncated) {
            return;
        }
        if (text.length() + s.length() > MAX_CHARS) {
            text.append("... log truncated\n");
            truncated = true;
            return;
        }
        text.append(s).append('\n');
    }

    /** Prints the source line of {@code pc} when it differs from the last one printed. */
    void source(int pc) {
        SourceLine l = program.line(pc);
        if (l != null && !l.equals(lastLine)) {
            line("; " + sourceText(l));
        }
        lastLine = l;
    }

    /** Forgets the last source line, so the next instruction prints its own. */
    void resetSource() {
        lastLine = null;
    }

    static String sourceText(SourceLine l) {
        String code = l.text() == null ? "" : l.text().strip();
        return (code.isEmpty() ? "" : code + " ") + "@ " + l.file() + ":" + l.line();
    }

    void insn(int pc, String suffix) {
        source(pc);
        line(InsnText.of(program, pc) + (suffix.isEmpty() ? "" : " ; " + suffix));
    }

    /** The registers of {@code f} that differ from {@code before}, as the kernel's level-2 log shows them. */
    static String changes(RegisterState[] before, FrameState f) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < FrameState.REGS; r++) {
            if (before[r] != f.reg(r) && f.reg(r).isInit()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append('R').append(r).append("_w=").append(f.reg(r));
            }
        }
        return sb.toString();
    }

    /** The whole state: every frame's initialised registers and stack. */
    static String state(VerifierState st) {
        StringBuilder sb = new StringBuilder();
        for (FrameState f : st.frames()) {
            if (st.depth() > 1) {
                sb.append(sb.length() > 0 ? " " : "").append("frame").append(f.frameNo()).append(':');
            }
            for (int r = 0; r < FrameState.REGS; r++) {
                if (f.reg(r).isInit()) {
                    sb.append(sb.length() > 0 ? " " : "").append('R').append(r).append('=').append(f.reg(r));
                }
            }
            String stack = f.stack().toString();
            if (!stack.isEmpty()) {
                sb.append(' ').append(stack);
            }
        }
        return sb.toString();
    }

    String text() {
        return text.toString();
    }
}
