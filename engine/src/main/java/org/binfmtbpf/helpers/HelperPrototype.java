package org.binfmtbpf.helpers;

import java.util.List;

/**
 * A helper's signature as the verifier sees it: up to five argument kinds and a return kind.
 *
 * @param readsUncheckedMemory true when the helper reads memory through an argument the
 *                             verifier does not check (trace_printk's {@code %s}): a program
 *                             calling it may see stack bytes it never wrote
 */
public record HelperPrototype(ReturnKind returns, List<ArgKind> args, boolean readsUncheckedMemory) {
    public HelperPrototype {
        if (args.size() > 5) {
            throw new IllegalArgumentException("helpers take at most 5 arguments");
        }
        args = List.copyOf(args);
    }

    public static HelperPrototype of(ReturnKind returns, ArgKind... args) {
        return new HelperPrototype(returns, List.of(args), false);
    }

    /** This prototype, for a helper that also reads through unchecked arguments. */
    public HelperPrototype readingUncheckedMemory() {
        return new HelperPrototype(returns, args, true);
    }

    /** The kind of argument register r{@code n} (1-based); NONE past the last argument. */
    public ArgKind arg(int n) {
        return n - 1 < args.size() ? args.get(n - 1) : ArgKind.NONE;
    }
}
