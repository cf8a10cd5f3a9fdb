package org.binfmtbpf.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Load-time validation, rule by rule, as the kernel applies it before verification. */
class ProgramValidatorTest {
    private static final Instruction EXIT = Instruction.of(0x95, 0, 0, 0, 0);

    private static Instruction[] asm(String source) {
        return ConformanceAssembler.assemble(source);
    }

    /** The instruction under test followed by exit, so only the instruction itself can be wrong. */
    private static Instruction[] withExit(Instruction insn) {
        return new Instruction[] {insn, EXIT};
    }

    private static InvalidProgramException refused(Instruction[] slots) {
        return assertThrows(InvalidProgramException.class, () -> ProgramValidator.validate(slots));
    }

    private static void accepted(Instruction[] slots) {
        assertDoesNotThrow(() -> ProgramValidator.validate(slots));
    }

    @Test
    void anEmptyProgramIsRefused() {
        InvalidProgramException e = refused(new Instruction[0]);
        assertEquals(InvalidProgramException.WHOLE_PROGRAM, e.index());
        assertEquals("invalid program: the program has no instructions", e.getMessage());
    }

    @Nested
    class Opcodes_ {
        @ParameterizedTest(name = "opcode 0x{0} is unknown")
        @ValueSource(strings = {"00", "ff", "8c", "8f", "df", "e4", "f7", "99", "d3", "cb", "0d", "0e", "8e", "96", "9d", "38", "60", "1e0"})
        void unknownOpcodesAreRefused(String hex) {
            int opcode = Integer.parseInt(hex, 16) & 0xff;
            InvalidProgramException e = refused(withExit(Instruction.of(opcode, 0, 0, 0, 0)));
            assertEquals(0, e.index());
            assertTrue(e.getMessage().contains(String.format("unknown opcode 0x%02x", opcode)), e.getMessage());
        }

        @Test
        void everyOpcodeOfTheTableIsAcceptedInItsCanonicalForm() {
            for (OpcodeSpec spec : OpcodeTable.forms()) {
                Instruction insn = canonical(spec);
                Instruction[] slots = spec.mnemonic().equals("lddw func")
                        ? new Instruction[] {Instruction.of(0x18, 1, 4, 0, 2), Instruction.of(0, 0, 0, 0, 0), EXIT, EXIT}
                        : spec.mnemonic().equals("call local")
                        ? new Instruction[] {Instruction.of(0x85, 0, 1, 0, 1), EXIT, EXIT} // main, then the callee
                        : insn.isLdImm64()
                        ? new Instruction[] {insn, Instruction.of(0, 0, 0, 0, 0), EXIT}
                        : spec.mnemonic().equals("exit")
                        ? new Instruction[] {insn}
                        : withExit(insn);
                assertDoesNotThrow(() -> ProgramValidator.validate(slots), spec.toString());
            }
        }

        @Test
        void everyReservedFieldOfEveryFormIsEnforced() {
            int checked = 0;
            for (OpcodeSpec spec : OpcodeTable.forms()) {
                for (OpcodeSpec.Field field : OpcodeSpec.Field.values()) {
                    FieldRule rule = spec.rule(field);
                    int bad = rule == FieldRule.REGISTER ? 11 : rule == FieldRule.ANY ? -1 : badValue(rule);
                    if (bad < 0) continue;
                    Instruction insn = with(canonical(spec), field, bad);
                    if (OpcodeTable.match(insn) != null) continue; // another form of the opcode takes it
                    Instruction[] slots = insn.isLdImm64()
                            ? new Instruction[] {insn, Instruction.of(0, 0, 0, 0, 0), EXIT}
                            : withExit(insn);
                    InvalidProgramException e = refused(slots);
                    assertTrue(e.getMessage().contains(field.fieldName()), spec + ": " + e.getMessage());
                    checked++;
                }
            }
            assertTrue(checked > 300, "checked " + checked);
        }

        private static int badValue(FieldRule rule) {
            for (int v = 1; ; v++) if (!rule.accepts(v)) return v;
        }
    }

    @Nested
    class ReservedFields {
        @Test
        void negTakesNoImmediate() {
            assertTrue(refused(withExit(Instruction.of(0x87, 1, 0, 0, 1))).getMessage()
                    .endsWith("neg: imm is reserved and must be 0 (is 1)"));
        }

        @Test
        void exitUsesNoField() {
            for (Instruction bad : List.of(Instruction.of(0x95, 1, 0, 0, 0), Instruction.of(0x95, 0, 1, 0, 0),
                    Instruction.of(0x95, 0, 0, 1, 0), Instruction.of(0x95, 0, 0, 0, 1))) {
                assertEquals(0, refused(withExit(bad)).index());
            }
        }

        @Test
        void offsetOneSelectsSignedDivisionOnlyForDivAndMod() {
            accepted(withExit(Instruction.of(0x3f, 1, 2, 1, 0)));  // sdiv r1, r2
            accepted(withExit(Instruction.of(0x97, 1, 0, 1, 3)));  // smod r1, 3
            assertTrue(refused(withExit(Instruction.of(0x0f, 1, 2, 1, 0))).getMessage().contains("off"));
            assertTrue(refused(withExit(Instruction.of(0x3f, 1, 2, 2, 0))).getMessage()
                    .contains("off must be one of 0, 1 (is 2)"));
        }

        @Test
        void movsxTakesOffsets8And16In32BitAnd8To32In64Bit() {
            accepted(withExit(Instruction.of(0xbc, 1, 2, 16, 0)));
            accepted(withExit(Instruction.of(0xbf, 1, 2, 32, 0)));
            assertTrue(refused(withExit(Instruction.of(0xbc, 1, 2, 32, 0))).getMessage()
                    .contains("off must be one of 0, 8, 16 (is 32)"));
            assertTrue(refused(withExit(Instruction.of(0xb7, 1, 0, 8, 0))).getMessage().contains("off"));
        }

        @Test
        void byteSwapWidthsAre16_32_64() {
            accepted(withExit(Instruction.of(0xd7, 1, 0, 0, 64)));
            assertTrue(refused(withExit(Instruction.of(0xdc, 1, 0, 0, 8))).getMessage()
                    .contains("imm must be one of 16, 32, 64 (is 8)"));
        }

        @Test
        void callKindsAndTheirFields() {
            accepted(withExit(Instruction.of(0x85, 0, 2, 7, 1234)));            // kfunc: off names the BTF object
            assertTrue(refused(withExit(Instruction.of(0x85, 0, 3, 0, 1))).getMessage().contains("src"));
            accepted(withExit(Instruction.of(0x8d, 2, 0, 0, 0)));               // callx r2
            assertTrue(refused(withExit(Instruction.of(0x8d, 2, 0, 0, 5))).getMessage().contains("imm"));
        }

        @Test
        void ja32TakesItsOffsetFromImmAndJaFromOff() {
            assertTrue(refused(withExit(Instruction.of(0x06, 0, 0, 1, 0))).getMessage().contains("ja32: off"));
            assertTrue(refused(withExit(Instruction.of(0x05, 0, 0, 0, 1))).getMessage().contains("ja: imm"));
        }

        @Test
        void atomicOperationsAreTheTenOfTheRfc() {
            for (int imm : new int[] {0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1}) {
                accepted(withExit(Instruction.of(0xdb, 10, 1, -8, imm)));
                accepted(withExit(Instruction.of(0xc3, 10, 1, -8, imm)));
            }
            assertTrue(refused(withExit(Instruction.of(0xdb, 10, 1, -8, 0xe0))).getMessage().contains("imm must be one of"));
            assertTrue(refused(withExit(Instruction.of(0xdb, 10, 1, -8, 0x10))).getMessage().contains("imm"));
        }

        @Test
        void legacyPacketLoadsUseR0Implicitly() {
            accepted(withExit(Instruction.of(0x30, 0, 0, 0, 12)));
            accepted(withExit(Instruction.of(0x48, 0, 3, 0, 2)));
            assertTrue(refused(withExit(Instruction.of(0x30, 0, 1, 0, 12))).getMessage().contains("ldabsb: src"));
            assertTrue(refused(withExit(Instruction.of(0x28, 1, 0, 0, 12))).getMessage().contains("ldabsh: dst"));
        }
    }

    @Nested
    class Registers {
        @Test
        void onlyR0ToR10Exist() {
            InvalidProgramException e = refused(withExit(Instruction.of(0xbf, 0, 11, 0, 0)));
            assertTrue(e.getMessage().contains("src names register r11, but only r0..r10 exist"), e.getMessage());
        }

        @Test
        void r10IsReadOnly() {
            assertTrue(refused(asm("mov %r10, 1\nexit")).getMessage().contains("writes r10"));
            assertTrue(refused(asm("ldxdw %r10, [%r1]\nexit")).getMessage().contains("writes r10"));
            assertTrue(refused(asm("lock fetch add [%r1], %r10\nexit")).getMessage().contains("fetches into r10"));
            accepted(asm("stdw [%r10-8], 1\nlock add [%r10-8], %r1\nmov %r0, %r10\nexit"));
        }
    }

    @Nested
    class WideLoad {
        @Test
        void needsItsSecondSlot() {
            Instruction[] slots = {EXIT, Instruction.ldImm64(0, 0, 1)};
            InvalidProgramException e = refused(slots);
            assertEquals(1, e.index());
            assertTrue(e.getMessage().contains("second slot is missing"));
        }

        @Test
        void secondSlotHasOnlyAnImmediate() {
            Instruction first = Instruction.ldImm64(0, 0, 1);
            for (Instruction second : List.of(Instruction.of(0x18, 0, 0, 0, 0), Instruction.of(0, 1, 0, 0, 0),
                    Instruction.of(0, 0, 1, 0, 0), Instruction.of(0, 0, 0, 1, 0))) {
                InvalidProgramException e = refused(new Instruction[] {first, second, EXIT});
                assertEquals(1, e.index());
            }
            accepted(new Instruction[] {first, Instruction.of(0, 0, 0, 0, -1), EXIT});
        }

        @Test
        void mapHandlesHaveNoSecondImmediate() {
            Instruction mapFd = Instruction.of(0x18, 1, 1, 0, 3);
            refused(new Instruction[] {mapFd, Instruction.of(0, 0, 0, 0, 8), EXIT});
            accepted(new Instruction[] {mapFd, Instruction.of(0, 0, 0, 0, 0), EXIT});
            Instruction mapValue = Instruction.of(0x18, 1, 2, 0, 3);
            accepted(new Instruction[] {mapValue, Instruction.of(0, 0, 0, 0, 8), EXIT});
        }

        @Test
        void pseudoSourcesStopAt6() {
            assertTrue(refused(new Instruction[] {Instruction.of(0x18, 1, 7, 0, 0), Instruction.of(0, 0, 0, 0, 0), EXIT})
                    .getMessage().contains("src must be one of 0, 1, 2, 3, 4, 5, 6 (is 7)"));
        }
    }

    @Nested
    class Jumps {
        @Test
        void mayNotLeaveTheProgram() {
            InvalidProgramException e = refused(asm("ja +1\nexit"));
            assertEquals("instruction 0 (goto +0x1; 05 00 01 00 00 00 00 00): jump out of range: target 2 is outside the program (slots 0..1)",
                    e.getMessage());
            assertEquals(0, refused(asm("jeq %r1, 0, -2\nexit")).index());
        }

        @Test
        void mayNotLandInTheSecondSlotOfAWideLoad() {
            InvalidProgramException e = refused(asm("ja +1\nlddw %r0, 1\nexit"));
            assertTrue(e.getMessage().endsWith("jump into the second slot of the LD_IMM64 at 1"), e.getMessage());
        }

        @Test
        void mayNotLeaveTheirFunction() {
            InvalidProgramException e = refused(asm("""
                    call local f
                    ja +1
                    exit
                    f:
                    mov %r0, 1
                    exit
                    """));
            assertEquals(1, e.index());
            assertTrue(e.getMessage().contains("target 3 is outside its function (slots 0..2)"), e.getMessage());
        }

        @Test
        void ja32UsesItsImmediate() {
            accepted(asm("ja32 +1\nexit\nja -2"));
            assertTrue(refused(asm("ja32 +2\nexit\nexit")).getMessage().contains("target 3"));
        }
    }

    @Nested
    class Functions {
        @Test
        void startAtZeroEveryLocalCallTargetAndEveryFunctionAddress() {
            Instruction[] slots = asm("""
                    call local g
                    call local f
                    call local f
                    exit
                    f:
                    exit
                    g:
                    exit
                    """);
            assertArrayEquals(new int[] {0, 4, 5}, ProgramValidator.functionStarts(slots));
            List<Instruction> withAddress = new ArrayList<>(List.of(slots));
            withAddress.add(0, Instruction.of(0x18, 1, Opcodes.PSEUDO_FUNC, 0, 5)); // function at 0 + 1 + 5 = 6 (the kernel's i + imm + 1)
            withAddress.add(1, Instruction.of(0, 0, 0, 0, 0));
            Instruction[] shifted = withAddress.toArray(new Instruction[0]);
            shifted[2] = Instruction.of(0x85, 0, 1, 0, 4);  // call local g  (slot 7)
            shifted[3] = Instruction.of(0x85, 0, 1, 0, 2);  // call local f  (slot 6)
            shifted[4] = Instruction.of(0x85, 0, 1, 0, 1);
            assertArrayEquals(new int[] {0, 6, 7}, ProgramValidator.functionStarts(shifted));
            accepted(shifted);
        }

        @Test
        void callTargetsMustExist() {
            InvalidProgramException e = refused(asm("call local +5\nexit"));
            assertTrue(e.getMessage().endsWith("call to invalid destination 6 (the program has 2 slots)"), e.getMessage());
            InvalidProgramException intoWide = refused(asm("call local +1\nlddw %r0, 1\nexit"));
            assertTrue(intoWide.getMessage().endsWith("call into the second slot of the LD_IMM64 at 1"), intoWide.getMessage());
        }

        @Test
        void everyFunctionEndsWithExitOrJa() {
            assertTrue(refused(asm("mov %r0, 0")).getMessage().endsWith(
                    "the last slot of the program is not exit or ja: execution can fall off its end"));
            assertTrue(refused(asm("mov %r0, 0\njeq %r0, 0, -2")).getMessage().contains("fall off"));
            assertTrue(refused(asm("lddw %r0, 1")).getMessage().contains("fall off"));
            InvalidProgramException e = refused(asm("call local f\nexit\nf:\nmov %r0, 1"));
            assertEquals(2, e.index());
            assertTrue(e.getMessage().contains("the function at 2"));
            InvalidProgramException main = refused(asm("call local f\nmov %r0, 1\nf:\nexit"));
            assertTrue(main.getMessage().contains("the main function (slots 0..1)"), main.getMessage());
            accepted(asm("mov %r0, 0\njeq %r0, 0, +1\nexit\nja -2"));
            accepted(asm("mov %r0, 0\njeq %r0, 0, +1\nexit\nja32 -2"));
        }
    }

    @Nested
    class Reachability {
        @Test
        void everyInstructionMustBeReachable() {
            InvalidProgramException e = refused(asm("ja +1\nmov %r0, 1\nexit"));
            assertEquals(1, e.index());
            assertTrue(e.getMessage().endsWith("unreachable instruction: no path from the entry leads here"), e.getMessage());
            assertEquals(1, refused(asm("exit\nexit")).index());
        }

        @Test
        void calleesAreReachedThroughCallsAndFunctionAddresses() {
            accepted(asm("call local f\nexit\nf:\nexit"));
            accepted(new Instruction[] {Instruction.of(0x18, 1, Opcodes.PSEUDO_FUNC, 0, 2), Instruction.of(0, 0, 0, 0, 0),
                    EXIT, EXIT});
            assertEquals(3, refused(asm("call local f\nexit\nf:\nexit\nexit")).index());
        }

        @Test
        void bothWaysOfAConditionalJumpAreFollowed() {
            accepted(asm("jeq %r1, 0, +2\nmov %r0, 1\nexit\nmov %r0, 2\nexit"));
        }
    }

    @Nested
    class RuntimeDefinedResults {
        @Test
        void divisionByAConstantZeroIsLeftToTheRuntimeRules() {
            accepted(asm("div %r0, 0\nmod32 %r0, 0\nsdiv %r0, 0\nexit"));
        }

        @Test
        void oversizedConstantShiftsAreLeftToTheMaskingRule() {
            accepted(asm("lsh %r0, 64\nrsh32 %r0, 32\narsh %r0, -1\nexit"));
        }
    }

    private static Instruction canonical(OpcodeSpec spec) {
        return Instruction.of(spec.opcode(), valid(spec.dst(), 1), valid(spec.src(), 2), valid(spec.off(), 0),
                valid(spec.imm(), 0));
    }

    private static int valid(FieldRule rule, int preferred) {
        if (rule instanceof FieldRule.OneOf oneOf) return oneOf.values()[0];
        return preferred;
    }

    private static Instruction with(Instruction insn, OpcodeSpec.Field field, int value) {
        return switch (field) {
            case DST -> Instruction.of(insn.opcode(), value, insn.src(), insn.off(), insn.imm());
            case SRC -> Instruction.of(insn.opcode(), insn.dst(), value, insn.off(), insn.imm());
            case OFF -> Instruction.of(insn.opcode(), insn.dst(), insn.src(), value, insn.imm());
            case IMM -> Instruction.of(insn.opcode(), insn.dst(), insn.src(), insn.off(), value);
        };
    }
}
