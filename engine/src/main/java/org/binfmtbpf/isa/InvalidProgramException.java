package org.binfmtbpf.isa;

/**
 * A program that the kernel would refuse at load time: an unknown opcode, a reserved field
 * that is not zero, a jump that leaves its function, a program that can fall off its end.
 * The message is one line naming the instruction index and showing the instruction.
 */
public final class InvalidProgramException extends RuntimeException {
    /** Index used when the error concerns the whole program (for example: it is empty). */
    public static final int WHOLE_PROGRAM = -1;

    private final int index;
    private final String reason;

    public InvalidProgramException(int index, Instruction insn, String reason) {
        super(format(index, insn, reason));
        this.index = index;
        this.reason = reason;
    }

    public static InvalidProgramException wholeProgram(String reason) {
        return new InvalidProgramException(WHOLE_PROGRAM, null, reason);
    }

    /** The slot index of the offending instruction, or {@link #WHOLE_PROGRAM}. */
    public int index() { return index; }

    /** The message without the location and instruction. */
    public String reason() { return reason; }

    private static String format(int index, Instruction insn, String reason) {
        if (index == WHOLE_PROGRAM) {
            return "invalid program: " + reason;
        }
        if (insn == null) {
            return "instruction " + index + ": " + reason;
        }
        return "instruction " + index + " (" + InstructionText.of(insn) + "): " + reason;
    }
}
