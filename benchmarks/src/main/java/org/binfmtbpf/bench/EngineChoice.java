package org.binfmtbpf.bench;

import java.util.ServiceLoader;
import org.binfmtbpf.run.Engine;

/** Finds an engine by its name ("interp", "jit") among those on the classpath. */
final class EngineChoice {
    private EngineChoice() {}

    static Engine named(String name) {
        for (Engine e : ServiceLoader.load(Engine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no engine named " + name);
    }
}
