package org.binfmtbpf.run.interp;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;

/**
 * A program in the form the interpreter walks: per instruction slot one int holding the
 * opcode, both registers and the offset, and one long holding the immediate (sign-extended,
 * or LD_IMM64's whole 64-bit value). Two flat arrays instead of an array of objects: the
 * loop reads two adjacent words per instruction and decodes them with shifts.
 *
 * <pre>  word = opcode | dst &lt;&lt; 8 | src &lt;&lt; 12 | off &lt;&lt; 16</pre>
 *
 * A Code does not refer to its program, so the cache below (for tail-call targets, which the
 * interpreter meets as programs) lets programs be collected.
 */
final class Code {
    private static final Map<Program, Code> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    final int[] words;
    final long[] imms;

    private Code(int[] words, long[] imms) {
        this.words = words;
        this.imms = imms;
    }

    /** The code of {@code program}, decoded once per program. */
    static Code of(Program program) {
        return CACHE.computeIfAbsent(program, Code::decode);
    }

    private static Code decode(Program p) {
        int n = p.length();
        int[] words = new int[n];
        long[] imms = new long[n];
        for (int pc = 0; pc < n; pc++) {
            Instruction insn = p.insn(pc);
            words[pc] = insn.opcode() & 0xff | (insn.dst() & 0xf) << 8 | (insn.src() & 0xf) << 12 | insn.off() << 16;
            imms[pc] = insn.isLdImm64() ? p.imm64(pc) : insn.imm();
        }
        return new Code(words, imms);
    }

    static int opcode(int word) { return word & 0xff; }
    static int dst(int word) { return (word >>> 8) & 0xf; }
    static int src(int word) { return (word >>> 12) & 0xf; }
    static int off(int word) { return word >> 16; }
}
