package org.binfmtbpf.jit;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import org.binfmtbpf.program.Program;

/**
 * The compiled form of each program a tail call may reach. Helper 12 names the target
 * program; the first tail call into it compiles it, later ones find it here without
 * allocating. Keys and values are weak (an executable refers to its program), so an
 * unreachable program's hidden class still unloads.
 */
final class TailCallTargets {
    private final JitCompiler compiler;
    private final Map<Program, WeakReference<JitExecutable>> compiled = new WeakHashMap<>();

    TailCallTargets(JitCompiler compiler) {
        this.compiler = compiler;
    }

    /** The class of {@code p} for this tail call: counted or not, entered at the stack top or lower. */
    CompiledCode code(Program p, boolean counted, boolean atStackTop) {
        JitExecutable e;
        synchronized (compiled) {
            WeakReference<JitExecutable> ref = compiled.get(p);
            e = ref == null ? null : ref.get();
        }
        if (e == null) {
            e = compiler.compile(p); // registers itself through remember()
        }
        return e.variant(Variant.of(counted, atStackTop));
    }

    void remember(Program p, JitExecutable e) {
        synchronized (compiled) {
            compiled.put(p, new WeakReference<>(e));
        }
    }
}
