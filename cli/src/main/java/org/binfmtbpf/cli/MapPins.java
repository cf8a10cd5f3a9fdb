package org.binfmtbpf.cli;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.binfmt.StateDirectory;

/**
 * Maps pinned by {@code prog load OBJ PIN pinmaps DIR}: {@code DIR/NAME} names map NAME of the
 * program pinned at PIN. Kept in {@code map-pins} in the state directory, one
 * {@code <map path hex> <program pin hex> <map name hex>} line each. Paths follow the bpf
 * filesystem's rules for program pins ({@link PinStore#pinPath}), and share its names with them.
 */
public final class MapPins {
    private static final HexFormat HEX = HexFormat.of();

    /** Where a pinned map lives: the program pin and the map's name. */
    public record Target(String programPin, String mapName) {}

    private final Path file;
    private final Map<String, Target> pins = new LinkedHashMap<>();
    private boolean changed;

    MapPins(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] f = line.split(" ");
                if (f.length == 3) {
                    pins.put(text(f[0]), new Target(text(f[1]), text(f[2])));
                }
            }
        }
    }

    /** The map pinned at {@code path} (any spelling of it), or null. */
    public Target get(String path) {
        try {
            return pins.get(PinStore.pinPath(path));
        } catch (RegistrationException notAPinPath) {
            return null;
        }
    }

    /**
     * The pins {@code prog load ... pinmaps dir} makes, checked before anything is written:
     * EEXIST when a path is taken by a map or by a program of {@code programs}.
     */
    public Map<String, Target> plan(String dir, String programPin, List<String> mapNames, PinStore programs) {
        Map<String, Target> planned = new LinkedHashMap<>();
        for (String name : mapNames) {
            String path = PinStore.pinPath(dir + "/" + name);
            if (pins.containsKey(path) || programs.pins().containsKey(path) || planned.containsKey(path)) {
                throw new RegistrationException(Errno.EEXIST, "pin", path + " is already pinned");
            }
            planned.put(path, new Target(programPin, name));
        }
        return planned;
    }

    /** Adds {@code planned} (from {@link #plan}); {@link #save()} writes it. */
    public void pinAll(Map<String, Target> planned) {
        pins.putAll(planned);
        changed |= !planned.isEmpty();
    }

    /** Removes the map pin at {@code path}, if it is one; {@link #save()} writes it. */
    public boolean unpin(String path) {
        Target removed = get(path) == null ? null : pins.remove(PinStore.pinPath(path));
        changed |= removed != null;
        return removed != null;
    }

    /** Writes the file once, atomically, when something changed. */
    public void save() throws IOException {
        if (!changed) {
            return;
        }
        List<String> lines = new ArrayList<>();
        pins.forEach((p, t) -> lines.add(hex(p) + " " + hex(t.programPin()) + " " + hex(t.mapName())));
        StateDirectory.writeAtomically(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        changed = false;
    }

    private static String hex(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String hex) {
        return new String(HEX.parseHex(hex), StandardCharsets.UTF_8);
    }
}
