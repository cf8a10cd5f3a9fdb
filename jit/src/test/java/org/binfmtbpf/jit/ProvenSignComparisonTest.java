package org.binfmtbpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Unsigned jumps whose operands the verifier proved non-negative are emitted as signed JVM
 * comparisons (no sign-bit flip); the rest keep the flip, so values with the top bit set still
 * compare as the large unsigned numbers they are. Each program runs on both engines, on
 * headers either side of the sign bit.
 */
class ProvenSignComparisonTest {
    /** A header byte is 0..255: "r2 > 0x7f" is the same test signed or unsigned. */
    private static final String BYTE_ABOVE_0X7F = branch("ldxb %r2, [%r1+0]", "jgt %r2, 0x7f");
    /** A header word may have its top bit set: unsigned, 0x8000000000000000 > 5. */
    private static final String WORD_ABOVE_5 = branch("ldxdw %r2, [%r1+0]", "jgt %r2, 5");
    /** JMP32 of two register operands: a u16 against a u32 whose low half may be negative as an int. */
    private static final String HALF_BELOW_WORD32 = branch("ldxh %r2, [%r1+0]\nldxw %r3, [%r1+4]", "jlt32 %r2, %r3");
    /** The same, with the u32 masked below 2^31: both operands proven, no flip. */
    private static final String HALF_BELOW_MASKED_WORD32 =
            branch("ldxh %r2, [%r1+0]\nldxw %r3, [%r1+4]\nand32 %r3, 0x7fffffff", "jlt32 %r2, %r3");

    /** r0 = 1 when {@code jump} is taken after {@code loads}, else 0. */
    private static String branch(String loads, String jump) {
        return loads + "\nmov %r0, 0\n" + jump + ", +1\nexit\nmov %r0, 1\nexit\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(BYTE_ABOVE_0X7F, 0, header(0x80), 1L),
                Arguments.of(BYTE_ABOVE_0X7F, 0, header(0x7f), 0L),
                Arguments.of(BYTE_ABOVE_0X7F, 0, header(0xff), 1L),
                Arguments.of(WORD_ABOVE_5, 1, header(0, 0, 0, 0, 0, 0, 0, 0x80), 1L),
                Arguments.of(WORD_ABOVE_5, 1, header(5), 0L),
                Arguments.of(HALF_BELOW_WORD32, 2, header(1, 0, 0, 0, 0, 0, 0, 0x80), 1L),
                Arguments.of(HALF_BELOW_WORD32, 2, header(1, 0, 0, 0, 1), 0L),
                Arguments.of(HALF_BELOW_MASKED_WORD32, 0, header(1, 0, 0, 0, 0, 0, 0, 0x80), 0L),
                Arguments.of(HALF_BELOW_MASKED_WORD32, 0, header(1, 0, 0, 0, 2), 1L));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void unsignedJumpsFlipTheSignBitOnlyWhenTheVerifierCannotRuleItOut(String asm, int flips, byte[] header, long r0)
            throws Exception {
        Program p = ProgramBuilder.of("cmp", ProgramType.BINFMT, ConformanceAssembler.assemble(asm),
                StandardHelpers.registry()).build();
        assertEquals(r0, run(new Interpreter(), p, header), "interpreter");
        assertEquals(r0, run(new JitEngine(), p, header), "JIT");
        assertEquals(flips, xorsIn(JitCompiler.classBytes(p, VerifiedAccessFacts.of(p))), "sign-bit flips in the class");
    }

    private static long run(Engine engine, Program p, byte[] header) {
        Executable e = engine.prepare(p);
        Invocation inv = new Invocation();
        inv.begin(e, header);
        return e.run(inv);
    }

    private static byte[] header(int... bytes) {
        byte[] h = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            h[i] = (byte) bytes[i];
        }
        return h;
    }

    /**
     * The flips of the one comparison: XOR instructions in the main function's entry method
     * (the class also holds the same body as f0, so counting the whole class would double it).
     */
    private static int xorsIn(byte[] classBytes) {
        int[] count = {0};
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!name.equals(ClassContext.RUN_ENTRY)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.LXOR || opcode == Opcodes.IXOR) {
                            count[0]++;
                        }
                    }
                };
            }
        }, 0);
        return count[0];
    }
}
