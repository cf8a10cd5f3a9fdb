package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;

/**
 * Soundness against the reference interpreter: a program the verifier accepts never faults.
 * Random programs are built from fragments biased toward what 'B' programs do (header loads
 * at computed offsets, stack traffic, forward branches, bounded loops, helper calls); most are
 * refused, and each accepted one runs on random headers. Any fault is a verifier bug.
 */
class VerifierSoundnessProperties {
    private static final String[] SIZES = {"b", "h", "w", "dw"};
    private static final String[] ALU = {"add", "sub", "mul", "and", "or", "xor", "lsh", "rsh", "arsh", "div", "mod"};
    private static final String[] JMP = {"jeq", "jne", "jgt", "jge", "jlt", "jle", "jsgt", "jsge", "jslt", "jsle", "jset"};

    /** One fragment of assembly; {@code n} numbers its labels so fragments never clash. */
    interface Fragment {
        String emit(int n);
    }

    static Arbitrary<Integer> scratch() {
        return Arbitraries.integers().between(2, 5);
    }

    /** {@code x = hdr[hdr[at] (guarded)] + off}: a header load at an offset computed from the header. */
    static Arbitrary<Fragment> headerLoad() {
        return Combinators.combine(scratch(), Arbitraries.integers().between(0, 255), Arbitraries.of(SIZES),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(8, 0), net.jqwik.api.Tuple.of(1, 1)).flatMap(edge -> edge == 0
                        ? Arbitraries.integers().between(0, 240) : Arbitraries.integers().between(241, 300)),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just("and")), net.jqwik.api.Tuple.of(3, Arbitraries.just("jgt")),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just("jge32")), net.jqwik.api.Tuple.of(1, Arbitraries.just("none"))),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(0, 7)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-2, -1))))
                .as((a, at, size, limit, guard, off) -> n -> {
                    StringBuilder s = new StringBuilder();
                    s.append("ldxb %r").append(a).append(", [%r6+").append(at).append("]\n");
                    String skip = "hl" + n;
                    switch (guard) {
                        case "and" -> s.append("and %r").append(a).append(", ").append(limit).append('\n');
                        case "jgt" -> s.append("jgt %r").append(a).append(", ").append(limit).append(", ").append(skip).append('\n');
                        case "jge32" -> s.append("jge32 %r").append(a).append(", ").append(limit).append(", ").append(skip).append('\n');
                        default -> { }
                    }
                    s.append("mov %r7, %r6\n");
                    s.append("add %r7, %r").append(a).append('\n');
                    s.append("ldx").append(size).append(" %r").append(a).append(", [%r7")
                            .append(off < 0 ? "" : "+").append(off).append("]\n");
                    s.append(skip).append(":\n");
                    return s.toString();
                });
    }

    static Arbitrary<Fragment> alu() {
        return Combinators.combine(Arbitraries.of(ALU), Arbitraries.of("", "32"), scratch(), scratch(),
                Arbitraries.integers().between(-70, 300), Arbitraries.of(true, false))
                .as((op, w, a, b, imm, reg) -> n -> op + w + " %r" + a + ", " + (reg ? "%r" + b : Integer.toString(imm)) + "\n");
    }

    static Arbitrary<Fragment> stack() {
        return Combinators.combine(Arbitraries.of(SIZES), scratch(), Arbitraries.integers().between(1, 72), Arbitraries.of(true, false))
                .as((size, a, at, store) -> n -> {
                    int width = size.equals("dw") ? 8 : size.equals("w") ? 4 : size.equals("h") ? 2 : 1;
                    int off = -Math.max(width, at / width * width);
                    return store ? "stx" + size + " [%r10" + off + "], %r" + a + "\n"
                            : "ldx" + size + " %r" + a + ", [%r10" + off + "]\n";
                });
    }

    static Arbitrary<Fragment> variableStack() {
        return Combinators.combine(scratch(), scratch(), Arbitraries.integers().between(1, 70), Arbitraries.integers().between(0, 80))
                .as((a, b, base, mask) -> n -> "and %r" + a + ", " + mask + "\nmov %r8, %r10\nadd %r8, -" + base
                        + "\nadd %r8, %r" + a + "\nldxb %r" + b + ", [%r8+0]\n");
    }

    static Arbitrary<Fragment> branch() {
        return Combinators.combine(Arbitraries.of(JMP), Arbitraries.of("", "32"), scratch(), scratch(), Arbitraries.integers().between(-5, 300),
                Arbitraries.of(true, false), headerLoad())
                .as((op, w, a, b, imm, reg, body) -> n -> op + w + " %r" + a + ", " + (reg ? "%r" + b : Integer.toString(imm)) + ", br" + n
                        + "\n" + body.emit(n * 10 + 1) + "br" + n + ":\n");
    }

    static Arbitrary<Fragment> loop() {
        return Combinators.combine(Arbitraries.integers().between(1, 40), headerLoad(), alu())
                .as((count, body, step) -> n -> "mov %r9, 0\nlp" + n + ":\n" + body.emit(n * 10 + 2) + step.emit(0)
                        + "add %r9, 1\njlt %r9, " + count + ", lp" + n + "\n");
    }

    static Arbitrary<Fragment> call() {
        return Arbitraries.of("call 7\n", "mov %r1, %r10\nadd %r1, -16\nmov %r2, 16\ncall 212\n", "call 5\n")
                .map(text -> n -> text);
    }

    @Provide
    Arbitrary<String> programs() {
        Arbitrary<Fragment> fragment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, headerLoad()), net.jqwik.api.Tuple.of(4, alu()), net.jqwik.api.Tuple.of(3, stack()),
                net.jqwik.api.Tuple.of(2, variableStack()), net.jqwik.api.Tuple.of(3, branch()), net.jqwik.api.Tuple.of(1, loop()),
                net.jqwik.api.Tuple.of(1, call()));
        return fragment.list().ofMinSize(1).ofMaxSize(6).map(fs -> {
            StringBuilder s = new StringBuilder("mov %r6, %r1\nmov %r1, 0\n");
            for (int off = 8; off <= 64; off += 8) {
                s.append("stxdw [%r10-").append(off).append("], %r1\n");
            }
            for (int r = 2; r <= 5; r++) {
                s.append("mov %r").append(r).append(", 0\n");
            }
            List<Fragment> list = new ArrayList<>(fs);
            for (int i = 0; i < list.size(); i++) {
                s.append(list.get(i).emit(i + 1));
            }
            return s.append("mov %r0, %r2\nexit\n").toString();
        });
    }

    @Property(tries = 600)
    void acceptedProgramsNeverFault(@ForAll("programs") String asm,
                                    @ForAll @Size(value = 6) List<@Size(256) List<Byte>> headers) {
        Program p = AsmProgram.parse("fuzz", asm).program();
        boolean accepted;
        try {
            Verifier.verify(p, VerifierOptions.defaults().withLogLevel(0).withBudget(200_000));
            accepted = true;
        } catch (VerificationException e) {
            accepted = false;
            Statistics.label("why refused").collect(e.reason().replaceAll("-?\\d+", "N").replaceAll("\\(.*", ""));
        }
        Statistics.collect(accepted ? "accepted" : "refused");
        // Not vacuous: a fair share of the random programs must pass the verifier and run.
        Statistics.coverage(c -> c.check("accepted").percentage(pct -> pct >= 10));
        Executable exe = new Interpreter().prepare(p);
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(new byte[256]);
        byte[] ones = new byte[256];
        java.util.Arrays.fill(ones, (byte) 0xff);
        inputs.add(ones);
        for (List<Byte> h : headers) {
            byte[] b = new byte[256];
            for (int i = 0; i < 256; i++) {
                b[i] = h.get(i);
            }
            inputs.add(b);
        }
        boolean faulted = false;
        for (byte[] header : inputs) {
            try {
                exe.run(header);
            } catch (BpfFault f) {
                if (accepted) {
                    fail("accepted program faults: " + f.getMessage() + "\n" + asm);
                }
                faulted = true;
            }
        }
        // The generator does make dangerous programs: many refused ones really fault.
        if (!accepted) {
            Statistics.label("refused programs on the interpreter").collect(faulted ? "fault" : "no fault seen");
        }
    }
}
