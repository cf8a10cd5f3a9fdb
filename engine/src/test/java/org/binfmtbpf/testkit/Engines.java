package org.binfmtbpf.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.binfmtbpf.run.Engine;

/**
 * The engines every engine-parameterised test runs on: those registered as
 * {@code META-INF/services/org.binfmtbpf.run.Engine} on the test class path, narrowed by the
 * system property {@code binfmtbpf.engines} (a comma list of names, e.g. {@code jit}).
 */
public final class Engines {
    public static final String PROPERTY = "binfmtbpf.engines";

    private Engines() {}

    /** The selected engines, in service-loader order; never empty (a selection matching nothing is an error). */
    public static List<Engine> all() {
        List<Engine> found = new ArrayList<>();
        ServiceLoader.load(Engine.class).forEach(found::add);
        String selection = System.getProperty(PROPERTY, "").trim();
        if (selection.isEmpty()) {
            if (found.isEmpty()) {
                throw new IllegalStateException("no org.binfmtbpf.run.Engine service on the class path");
            }
            return found;
        }
        Set<String> wanted = Arrays.stream(selection.split(",")).map(String::trim).collect(Collectors.toSet());
        List<Engine> chosen = found.stream().filter(e -> wanted.contains(e.name())).toList();
        Set<String> names = found.stream().map(Engine::name).collect(Collectors.toSet());
        if (!names.containsAll(wanted)) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + selection + " names an engine that is not on the class path (found: "
                    + String.join(", ", names) + ")");
        }
        return chosen;
    }
}
