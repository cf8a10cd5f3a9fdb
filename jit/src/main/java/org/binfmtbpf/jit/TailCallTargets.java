package org.binfmtbpf.jit;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import org.binfmtbpf.program.Program;

/**
 * The compiled form of each program a tail call may reach. Helper 12 names the target
 * (a {@link Program}, or an executable of this engine); the first tail call into a program
 * compiles it, later ones find it here without allocating. Keys and values are weak (the
 * executable refers to its program), so an unreachable program's hidden class still unloads.
 */
final class TailCallTargets {
    private final JitCompiler compiler;
    private final Map<Program, WeakReference<JitExecutable>> compiled = new WeakHashMap<>();

    TailCallTargets(JitCompiler compiler) {
        this.compiler = compiler;
    }

    JitExecutable compiled(Object target) {
        if (target instanceof JitExecutable e) {
            return e;
        }
        if (target instanceof Program p) {
            synchronized (compiled) {
                WeakReference<JitExecutable> ref = compiled.get(p);
                JitExecutable e = ref == null ? null : ref.get();
                if (e == null) {
                    e = compiler.compile(p);
                    compiled.put(p, new WeakReference<>(e));
                }
                return e;
            }
        }
        throw new IllegalStateException("tail call target is neither a Program nor a JIT executable: " + target);
    }

    void remember(Program p, JitExecutable e) {
        synchronized (compiled) {
            compiled.put(p, new WeakReference<>(e));
        }
    }
}
