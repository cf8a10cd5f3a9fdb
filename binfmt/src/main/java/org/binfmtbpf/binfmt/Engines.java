package org.binfmtbpf.binfmt;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.binfmtbpf.run.Engine;

/**
 * Finds the engine that runs 'B' programs: the one named by the system property
 * {@code binfmtbpf.engine} if set, else the JIT, else the reference interpreter, whichever
 * the class path provides (engines register through {@link ServiceLoader}).
 */
public final class Engines {
    public static final String PROPERTY = "binfmtbpf.engine";

    private Engines() {}

    public static Engine preferred() {
        String wanted = System.getProperty(PROPERTY);
        return wanted != null ? named(wanted) : available().stream().filter(e -> e.name().equals("jit")).findFirst()
                .orElseGet(() -> named("interp"));
    }

    public static Engine named(String name) {
        return available().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no engine named '" + name + "' on the class path (have: "
                        + available().stream().map(Engine::name).toList() + ")"));
    }

    public static List<Engine> available() {
        List<Engine> engines = new ArrayList<>();
        ServiceLoader.load(Engine.class, Engines.class.getClassLoader()).forEach(engines::add);
        return engines;
    }
}
