package org.binfmtbpf.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.binfmt.PinnedProgram;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.program.Program;

/**
 * A pinned program with the ids bpftool would show. The bpf filesystem model keeps no ids,
 * so they are numbered here: programs 1, 2, ... in pin path order, and the maps of each load
 * ({@link MapSets}) after one another in the order their first pin comes. Ids are stable
 * while the set of pins stays the same. The programs of one load share its maps, and their
 * ids, as the programs of one {@code bpftool prog loadall} do; each other pin has maps of its
 * own, even where the state directory stores one object for two pins of the same program.
 *
 * @param firstMapId the id of the first map of the program's load
 */
public record Pin(String path, int id, PinnedProgram loaded, int firstMapId) {

    public Program program() {
        return loaded.program();
    }

    /** The ids of the program's maps, in {@link Program#maps()} order. */
    public List<Integer> mapIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < program().maps().size(); i++) {
            ids.add(firstMapId + i);
        }
        return ids;
    }

    public int mapId(BpfMap map) {
        return firstMapId + program().maps().indexOf(map);
    }

    /** Every pinned program, numbered. */
    public static List<Pin> all(Workspace ws) {
        return ws.pinned();
    }

    /** Numbers {@code pins} (path to program, in path order), whose loads {@code loads} names by path. */
    static List<Pin> number(Map<String, PinnedProgram> pins, Map<String, String> loads) {
        List<Pin> out = new ArrayList<>();
        Map<String, Integer> firstMapOfLoad = new HashMap<>();
        int nextMap = 1;
        int id = 1;
        for (Map.Entry<String, PinnedProgram> pin : pins.entrySet()) {
            Integer first = firstMapOfLoad.get(loads.get(pin.getKey()));
            Pin p = new Pin(pin.getKey(), id++, pin.getValue(), first != null ? first : nextMap);
            if (first == null) {
                firstMapOfLoad.put(loads.get(pin.getKey()), nextMap);
                nextMap += p.program().maps().size();
            }
            out.add(p);
        }
        return out;
    }

    /** The program pinned at {@code path}, or a one-line error naming the path. */
    public static Pin at(Workspace ws, String path) {
        String normal = normalize(path);
        for (Pin p : all(ws)) {
            if (p.path().equals(normal)) {
                return p;
            }
        }
        throw UserError.environment(path + ": no program pinned there (see 'prog show')");
    }

    private static String normalize(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
