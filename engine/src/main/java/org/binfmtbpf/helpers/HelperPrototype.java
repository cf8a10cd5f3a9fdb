package org.binfmtbpf.helpers;

import java.util.List;

/** A helper's signature as the verifier sees it: up to five argument kinds and a return kind. */
public record HelperPrototype(ReturnKind returns, List<ArgKind> args) {
    public HelperPrototype {
        if (args.size() > 5) {
            throw new IllegalArgumentException("helpers take at most 5 arguments");
        }
        args = List.copyOf(args);
    }

    public static HelperPrototype of(ReturnKind returns, ArgKind... args) {
        return new HelperPrototype(returns, List.of(args));
    }

    /** The kind of argument register r{@code n} (1-based); NONE past the last argument. */
    public ArgKind arg(int n) {
        return n - 1 < args.size() ? args.get(n - 1) : ArgKind.NONE;
    }
}
