package org.binfmtbpf.cli;

import org.binfmtbpf.run.Engine;

/**
 * The engines {@code --engine} names, found on the class path ({@link org.binfmtbpf.binfmt.Engines}).
 * The kernel is not one of them: it runs through bpf(2), see {@link KernelRun}.
 */
public final class Engines {
    private Engines() {}

    public static final String INTERP = "interp";
    public static final String JIT = "jit";
    public static final String KERNEL = "kernel";

    public static Engine named(String name) {
        try {
            return org.binfmtbpf.binfmt.Engines.named(name);
        } catch (IllegalStateException e) {
            throw UserError.usage("--engine: " + e.getMessage());
        }
    }
}
