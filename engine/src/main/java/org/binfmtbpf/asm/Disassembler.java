package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.JumpTarget;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;

/**
 * Prints instructions in llvm-objdump-19's BPF syntax, character for character:
 * {@code r0 = *(u8 *)(r1 + 0x4)}, {@code w2 += 0x2}, {@code if r2 != 0x464c457f goto +0x5},
 * {@code r1 = atomic_fetch_add((u64 *)(r10 - 0x8), r1)}, {@code r1 = 0x1122334455667788 ll}.
 *
 * <p>Two register views, as llvm-objdump has: {@link #DEFAULT} is plain {@code llvm-objdump -d}
 * (generic cpu: 32-bit loads and stores name {@code r} registers), {@link #ALU32} is
 * {@code llvm-objdump -d --mcpu=v3} or later ({@code w1 = *(u32 *)(r1 + 0x0)}). Plain
 * llvm-objdump cannot decode 32-bit atomics other than a non-fetching add: it prints
 * {@code <unknown>}, or for atomic_fetch_add the non-fetching add (it ignores the fetch bit);
 * {@link #DEFAULT} prints what the instruction is, as the ALU32 view does.
 *
 * <p>Where llvm's text drops a field that a valid instruction uses, this disassembler keeps
 * llvm's text and appends the missing information as an llvm assembly comment, so that
 * {@link LlvmAssembler} can rebuild the exact bytes and the text before {@code #} is still
 * llvm-objdump's: {@code call 0x3 # local} (llvm prints local, helper and kfunc calls alike),
 * {@code call 0x10 # kfunc off 0x1}, {@code r0 = *(u8 *)skb[r3] # imm 0x4} (llvm drops the
 * immediate of LD_IND), {@code ld_pseudo r1, 0x2, 0x3 # next_imm 0x8} (llvm drops the second
 * slot's immediate). Opcodes outside {@link OpcodeTable} print as {@code <unknown>}, as in llvm.
 */
public final class Disassembler {
    /** Plain {@code llvm-objdump -d}. */
    public static final Disassembler DEFAULT = new Disassembler(false);
    /** {@code llvm-objdump -d --mcpu=v3} and later: 32-bit loads, stores and atomics use {@code w} registers. */
    public static final Disassembler ALU32 = new Disassembler(true);

    /** The text llvm-objdump prints for an opcode it does not know. */
    public static final String UNKNOWN = "<unknown>";

    private final boolean alu32;

    private Disassembler(boolean alu32) {
        this.alu32 = alu32;
    }

    /**
     * One instruction. For LD_IMM64 pass the first slot (its {@code imm2} holds the second
     * slot's immediate, as {@link org.binfmtbpf.isa.InstructionCodec#decode} sets it).
     */
    public String format(Instruction insn) {
        if (!OpcodeTable.isValidOpcode(insn.opcode())) {
            return UNKNOWN;
        }
        return switch (insn.cls()) {
            case Opcodes.CLASS_ALU, Opcodes.CLASS_ALU64 -> AluText.format(insn);
            case Opcodes.CLASS_JMP, Opcodes.CLASS_JMP32 -> JumpText.format(insn);
            case Opcodes.CLASS_LD -> LoadText.formatLd(insn);
            case Opcodes.CLASS_LDX -> LoadText.formatLdx(insn, alu32);
            case Opcodes.CLASS_ST -> StoreText.formatSt(insn);
            default -> StoreText.formatStx(insn, alu32);
        };
    }

    /**
     * A program as llvm-objdump lists it with {@code --no-show-raw-insn}: for each symbol a
     * blank line and {@code 0000000000000000 <name>:}, then one line per instruction,
     * {@code "%8d:\t%s"} with the slot index (the second slot of LD_IMM64 has no line). Jumps
     * get llvm-objdump's {@code <symbol+0xoffset>} annotation, computed from {@code symbols}
     * (slot index to name) the way llvm-objdump does it: the nearest symbol at or before the
     * target, offset in bytes. With no symbols, no annotations and no headers.
     */
    public List<String> listing(Instruction[] slots, Map<Integer, String> symbols) {
        NavigableMap<Integer, String> bySlot = new TreeMap<>(symbols);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            String symbol = bySlot.get(i);
            if (symbol != null) {
                lines.add("");
                lines.add(String.format("%016x <%s>:", (long) i * 8, symbol));
            }
            lines.add(String.format("%8d:\t%s", i, withTarget(slots[i], i, bySlot)));
            if (slots[i].isLdImm64()) {
                i++;
            }
        }
        return lines;
    }

    /** {@link #listing(Instruction[], Map)} without symbols. */
    public List<String> listing(Instruction[] slots) {
        return listing(slots, Map.of());
    }

    private String withTarget(Instruction insn, int index, NavigableMap<Integer, String> symbols) {
        String text = format(insn);
        if (!JumpTarget.isJump(insn) || symbols.isEmpty() || text.equals(UNKNOWN)) {
            return text;
        }
        long target = JumpTarget.of(index, insn);
        Map.Entry<Integer, String> symbol = target < 0 ? null : symbols.floorEntry((int) Math.min(target, Integer.MAX_VALUE));
        if (symbol == null) {
            return text;
        }
        long bytes = (target - symbol.getKey()) * 8;
        String annotation = " <" + symbol.getValue() + (bytes == 0 ? "" : "+0x" + Long.toHexString(bytes)) + ">";
        int comment = text.indexOf(" #");
        return comment < 0 ? text + annotation : text.substring(0, comment) + annotation + text.substring(comment);
    }
}
