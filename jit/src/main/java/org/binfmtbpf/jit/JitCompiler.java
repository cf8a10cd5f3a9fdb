package org.binfmtbpf.jit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.verifier.VerifierFacts;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Translates a {@link Program} into one JVM class with ASM and defines it as a hidden class
 * whose class data is the program's helper registry. Hidden classes are not STRONG: a class
 * unloads with the last reference to its executable.
 *
 * <p>System property {@value #DUMP_PROPERTY}{@code =DIR} writes every generated class to DIR.
 */
public final class JitCompiler {
    public static final String DUMP_PROPERTY = "binfmtbpf.jit.dump";
    /** Hidden classes get a unique suffix; the name must be in this package. */
    private static final String CLASS_PREFIX = "org/binfmtbpf/jit/BpfProgram_";
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final Function<Program, AccessFacts> verifierFacts;
    /** Bytes of bytecode per chunk method to aim for ({@link CostModel#CHUNK_BUDGET}; tests ask for less). */
    private final int chunkBudget;
    private final TailCallTargets tailCallTargets = new TailCallTargets(this);

    /** A compiler that proves what it can on its own ({@link FramePointerFacts}). */
    public JitCompiler() {
        this(p -> AccessFacts.NONE);
    }

    /** A compiler that also uses what a verifier proved about each program's memory accesses. */
    public JitCompiler(Function<Program, AccessFacts> verifierFacts) {
        this(verifierFacts, CostModel.CHUNK_BUDGET);
    }

    /** A compiler that cuts functions into chunks of about {@code chunkBudget} bytes: tests get chunked code from small programs. */
    JitCompiler(Function<Program, AccessFacts> verifierFacts, int chunkBudget) {
        this.verifierFacts = verifierFacts;
        this.chunkBudget = chunkBudget;
    }

    /** Compiles and defines the program. Thread-safe. */
    public JitExecutable compile(Program program) {
        return compile(program, verifierFacts.apply(program));
    }

    /**
     * Compiles a program its caller has verified, with what the verifier proved: the program
     * is not verified again (whatever this compiler would otherwise do). Thread-safe.
     */
    public JitExecutable compile(Program program, VerifierFacts proven) {
        return compile(program, VerifiedAccessFacts.from(program, proven));
    }

    private JitExecutable compile(Program program, AccessFacts facts) {
        Generated g = generate(program, facts, Variant.RUN, chunkBudget);
        JitExecutable e = new JitExecutable(program, define(program, g, Variant.RUN), facts, this);
        tailCallTargets.remember(program, e);
        return e;
    }

    /** Generates and defines another variant of the program's class (see {@link JitExecutable}). */
    CompiledCode define(Program program, AccessFacts facts, Variant variant) {
        return define(program, generate(program, facts, variant, chunkBudget), variant);
    }

    /** Defines one generated variant of the program's class and returns an instance. */
    private CompiledCode define(Program program, Generated g, Variant variant) {
        dump(program, variant, g.bytes);
        try {
            HelperRegistry helpers = program.helpers() != null ? program.helpers() : HelperRegistry.builder().build();
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(g.bytes, classData(helpers, g.mapValues), true);
            return (CompiledCode) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("program " + program.name() + ": cannot define its compiled class", t);
        }
    }

    /** The class data of a generated class: what its static initialiser reads, by index. */
    private List<Object> classData(HelperRegistry helpers, List<byte[]> mapValues) {
        List<Object> data = new ArrayList<>(2 + mapValues.size());
        data.add(helpers);
        data.add(tailCallTargets);
        data.addAll(mapValues);
        return data;
    }

    /** The class file the compiler generates for {@code program}. */
    public static byte[] classBytes(Program program) {
        return classBytes(program, AccessFacts.NONE);
    }

    /** The class file generated for {@code program} given what a verifier proved about it. */
    public static byte[] classBytes(Program program, AccessFacts verifierFacts) {
        return generate(program, verifierFacts, Variant.RUN, CostModel.CHUNK_BUDGET).bytes;
    }

    /**
     * The class {@code JitEngine} generates, as ASM Textifier text (for {@code prog dump jited}):
     * with the verifier's facts, so the dump shows the direct accesses that actually run.
     */
    public static String textify(Program program) {
        StringWriter out = new StringWriter();
        new ClassReader(classBytes(program, VerifiedAccessFacts.of(program))).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(out)), 0);
        return out.toString();
    }

    /** Bytecode sizes of the generated methods, by name. */
    static List<ClassGenerator.MethodSize> methodSizes(Program program) {
        return generate(program, AccessFacts.NONE, Variant.RUN, CostModel.CHUNK_BUDGET).sizes;
    }

    record Generated(byte[] bytes, List<ClassGenerator.MethodSize> sizes, List<byte[]> mapValues) {}

    /**
     * Generates the class; should an estimate of {@link CostModel} fall short and a method pass
     * HotSpot's compile limit, generates again with smaller chunks.
     */
    static Generated generate(Program program, AccessFacts facts, Variant variant, int chunkBudget) {
        int budget = chunkBudget;
        while (true) {
            ProgramPlan plan = ProgramPlan.of(program, budget, variant.counted());
            ClassContext cls = new ClassContext(CLASS_PREFIX + javaName(program.name()) + variant.suffix(), plan,
                    facts.orElse(new FramePointerFacts(plan)), variant.counted(), variant.mainAtStackTop());
            ClassGenerator gen = new ClassGenerator(cls);
            byte[] bytes = gen.generate();
            boolean fits = gen.sizes().stream().allMatch(s -> s.bytes() < CostModel.HUGE_METHOD_LIMIT);
            if (fits || budget < CostModel.CHUNK_BUDGET / 8) {
                return new Generated(bytes, gen.sizes(), gen.mapValues());
            }
            budget /= 2;
        }
    }

    private static String javaName(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : (name == null || name.isEmpty() ? "prog" : name).toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return b.length() > 64 ? b.substring(0, 64) : b.toString();
    }

    private static void dump(Program program, Variant variant, byte[] bytes) {
        String dir = System.getProperty(DUMP_PROPERTY);
        if (dir == null || dir.isEmpty()) {
            return;
        }
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            Files.write(d.resolve("BpfProgram_" + javaName(program.name()) + variant.suffix() + ".class"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump compiled class of " + program.name() + " to " + dir, e);
        }
    }
}
