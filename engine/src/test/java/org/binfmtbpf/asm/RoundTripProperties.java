package org.binfmtbpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.binfmtbpf.isa.FieldRule;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.OpcodeTable;

/** For any valid instruction, disassembling and assembling the text again gives its bytes back. */
class RoundTripProperties {

    @Property(tries = 2000)
    void llvmTextRoundTrips(@ForAll("validInstructions") Instruction insn) {
        for (Disassembler view : List.of(Disassembler.DEFAULT, Disassembler.ALU32)) {
            String text = view.format(insn);
            Instruction[] again = LlvmAssembler.assemble(text);
            assertEquals(List.of(InstructionCodec.toSlots(List.of(insn))), List.of(again), text);
        }
    }

    @Provide
    Arbitrary<Instruction> validInstructions() {
        return Arbitraries.of(OpcodeTable.forms()).flatMap(spec -> Combinators.combine(
                field(spec.dst()), field(spec.src()), field(spec.off()), field(spec.imm()),
                spec.opcode() == 0x18 ? Arbitraries.integers() : Arbitraries.just(0))
                .as((dst, src, off, imm, imm2) -> new Instruction(spec.opcode(), dst, src, (short) (int) off, imm,
                        spec.opcode() == 0x18 ? imm2 : 0)));
    }

    private static Arbitrary<Integer> field(FieldRule rule) {
        if (rule instanceof FieldRule.OneOf oneOf) {
            return Arbitraries.of(java.util.Arrays.stream(oneOf.values()).boxed().toList());
        }
        if (rule == FieldRule.REGISTER) {
            return Arbitraries.integers().between(0, 10);
        }
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-0x8000, 0x7fff),
                Arbitraries.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
}
