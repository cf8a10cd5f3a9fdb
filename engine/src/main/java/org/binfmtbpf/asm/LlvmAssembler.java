package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;

/**
 * Assembles llvm's BPF syntax as {@link Disassembler} and llvm-objdump-19 print it, so that
 * disassembling and assembling again gives the same bytes. Accepted, line by line:
 *
 * <ul>
 *   <li>instructions: {@code r0 = *(u8 *)(r1 + 0x4)}, {@code if w1 s< 5 goto +2},
 *       {@code goto label}, {@code call 0x3 # local}; numbers in hex or decimal;</li>
 *   <li>llvm-objdump listing lines, with the slot index and raw bytes or without:
 *       {@code "      12:\t18 01 ...\tr1 = 0x1 ll"} (the index must be the instruction's slot);
 *       the {@code <symbol+0x8>} after a jump is ignored (the offset is authoritative);</li>
 *   <li>labels: {@code name:}, {@code <LBB0_3>:}, objdump headers {@code 0000000000000000 <name>:}
 *       (at their byte address); jump and call targets may name them;</li>
 *   <li>comments from {@code #} or {@code //}; the comments {@link LlvmAnnotation} defines restore
 *       the fields llvm's text drops; objdump's "file format" and "Disassembly of section" lines.
 *       Each section of an objdump listing restarts slot numbering; sections are concatenated.</li>
 * </ul>
 *
 * The result is in slot form and not validated (see {@link org.binfmtbpf.isa.ProgramValidator}).
 */
public final class LlvmAssembler {
    private static final Pattern PREAMBLE = Pattern.compile("^(\\S.*:\\s+file format .*|Disassembly of section .*:)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^([0-9a-fA-F]{16}) <([^>]+)>:\\s*$");
    private static final Pattern INDEX = Pattern.compile("^\\s*(\\d+):");
    private static final Pattern RAW_BYTES = Pattern.compile("^\\s*([0-9a-f]{2} ){7}([0-9a-f]{2} ){0,8}[0-9a-f]{2}(?=\\s)");
    private static final Pattern LABEL = Pattern.compile("^\\s*<?([A-Za-z_.$][\\w.$]*)>?:");

    private final List<Instruction> slots = new ArrayList<>();
    private final Labels labels = new Labels(true);
    private int sectionStart;

    private LlvmAssembler() {}

    public static Instruction[] assemble(String source) {
        LlvmAssembler asm = new LlvmAssembler();
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            asm.line(lines[i], i + 1);
        }
        asm.labels.resolve(asm.slots);
        return asm.slots.toArray(new Instruction[0]);
    }

    private void line(String text, int number) {
        if (PREAMBLE.matcher(text).matches()) {
            if (text.startsWith("Disassembly of section")) sectionStart = slots.size();
            return;
        }
        Matcher header = HEADER.matcher(text);
        if (header.matches()) {
            long address = Long.parseUnsignedLong(header.group(1), 16);
            if (address % 8 != 0) throw new AssemblyException(number, 1, "symbol address 0x" + header.group(1) + " is not a multiple of 8");
            labels.define(header.group(2), sectionStart + (int) (address / 8), number, 1);
            return;
        }
        int commentAt = commentStart(text);
        String code = text.substring(0, commentAt);
        code = blankIndex(code, number);
        Matcher raw = RAW_BYTES.matcher(code);
        if (raw.find()) code = blank(code, raw);
        Matcher label = LABEL.matcher(code);
        if (label.find() && !label.group(1).matches("\\d+")) {
            labels.define(label.group(1), slots.size(), number, label.start(1) + 1);
            code = blank(code, label);
        }
        LineScanner s = new LineScanner(code, number);
        if (s.atEnd()) return;
        LlvmAnnotation note = LlvmAnnotation.NONE;
        if (commentAt < text.length()) {
            LineScanner comment = new LineScanner(text, number);
            comment.reset(commentAt + (text.startsWith("//", commentAt) ? 2 : 1));
            note = LlvmAnnotation.parse(comment);
        }
        ParsedInstruction parsed = LlvmStatement.parse(s, note);
        if (!s.atEnd()) throw s.error("unexpected text after the instruction" + s.found());
        labels.use(slots.size(), parsed, number);
        slots.addAll(List.of(InstructionCodec.toSlots(List.of(parsed.insn()))));
    }

    private static int commentStart(String text) {
        int hash = text.indexOf('#');
        int slashes = text.indexOf("//");
        if (hash < 0) return slashes < 0 ? text.length() : slashes;
        return slashes < 0 ? hash : Math.min(hash, slashes);
    }

    /** Removes llvm-objdump's slot index, checking that it is this instruction's. */
    private String blankIndex(String code, int number) {
        Matcher m = INDEX.matcher(code);
        if (!m.find()) return code;
        int index = Integer.parseInt(m.group(1));
        int expected = slots.size() - sectionStart;
        if (index != expected) {
            throw new AssemblyException(number, m.start(1) + 1, "listing index " + index + " but this instruction is at slot " + expected);
        }
        return blank(code, m);
    }

    /** Replaces the match with spaces so that columns stay those of the source line. */
    private static String blank(String code, Matcher m) {
        return " ".repeat(m.end()) + code.substring(m.end());
    }
}
