package org.binfmtbpf.jit;

/**
 * When {@link TieredEngine} compiles a program: never (interpret every run), at load, or
 * after a number of interpreted runs. Written as {@code interpret}, {@code load} or
 * {@code after:N} in the system property {@value #PROPERTY}.
 */
public sealed interface Tiering {
    String PROPERTY = "binfmtbpf.jit.tiering";

    /** Compiling costs about as much as a few hundred interpreted runs of a small program; see docs/ARCHITECTURE.md. */
    int DEFAULT_THRESHOLD = 1000;

    Tiering DEFAULT = new CompileAfter(DEFAULT_THRESHOLD);

    record Interpret() implements Tiering {}

    record CompileAtLoad() implements Tiering {}

    record CompileAfter(int runs) implements Tiering {
        public CompileAfter {
            if (runs < 1) {
                throw new IllegalArgumentException("tiering after:" + runs + ": the run count must be at least 1");
            }
        }
    }

    /** Parses {@code interpret}, {@code load} or {@code after:N}. */
    static Tiering parse(String text) {
        String t = text.trim();
        if (t.equals("interpret")) {
            return new Interpret();
        }
        if (t.equals("load")) {
            return new CompileAtLoad();
        }
        if (t.startsWith("after:")) {
            try {
                return new CompileAfter(Integer.parseInt(t.substring("after:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tiering '" + text + "': after: needs a run count, e.g. after:1000");
            }
        }
        throw new IllegalArgumentException("tiering '" + text + "' is not one of interpret, load, after:N");
    }

    /** The policy named by {@value #PROPERTY}, or {@link #DEFAULT}. */
    static Tiering fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? DEFAULT : parse(v);
    }
}
