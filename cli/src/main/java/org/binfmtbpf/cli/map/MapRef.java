package org.binfmtbpf.cli.map;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import org.binfmtbpf.cli.MapPins;
import org.binfmtbpf.cli.NumberedMap;
import org.binfmtbpf.cli.Pin;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.maps.BpfMap;

/**
 * bpftool's MAP := { id MAP_ID | pinned FILE | name MAP_NAME }, resolved against the maps of
 * every map there is ({@link Workspace#maps()}), with its id.
 */
record MapRef(BpfMap map, int id) {

    static MapRef read(Words w, Workspace ws) throws IOException {
        String how = w.choice("a map (id ID | pinned PATH | name NAME)", "id", "pinned", "name");
        String what = how.equals("id") ? Integer.toString(w.integer("MAP_ID"))
                : w.operand(how.equals("name") ? "MAP_NAME" : "PATH");
        if (how.equals("pinned")) {
            MapPins.Target t = ws.mapPins().get(what);
            if (t == null) {
                throw UserError.environment(what + ": no map pinned there (maps are pinned by 'prog load ... pinmaps DIR')");
            }
            if (ws.pinned().stream().noneMatch(p -> p.path().equals(t.programPin()))) {
                // The kernel's map outlives its program; here a map lives in its program's copy.
                throw UserError.environment(what + ": a map of " + t.programPin() + ", which is no longer pinned"
                        + " (remove the pin with 'prog unpin " + what + "')");
            }
            Pin owner = Pin.at(ws, t.programPin());
            for (BpfMap m : owner.program().maps()) {
                if (m.name().equals(t.mapName())) {
                    return new MapRef(m, owner.mapId(m));
                }
            }
            what = t.mapName();
            how = "name";
        } else {
            for (NumberedMap m : ws.maps()) {
                if (how.equals("id") ? Integer.toString(m.id()).equals(what) : m.map().name().equals(what)) {
                    return new MapRef(m.map(), m.id());
                }
            }
        }
        throw UserError.environment("map " + how + " " + what + ": no such map (see 'map show')");
    }

    /** A map operation's negative result (a -errno, as bpf(2) returns it) is the answer no: "machines: EEXIST". */
    void check(int rc) {
        if (rc < 0) {
            throw UserError.no(map.name() + ": " + Errno.name(-rc));
        }
    }

    /**
     * Userspace may not change a frozen map (EPERM), and libbpf freezes the .rodata maps it
     * creates: their contents are what the verifier took as constants. Such a map is the one
     * programs may only read (BPF_F_RDONLY_PROG), which libbpf sets on .rodata alone.
     */
    void requireWritable() {
        if (map.readOnlyForProgram()) {
            throw UserError.no(map.name() + ": EPERM (frozen: libbpf freezes .rodata once the program is loaded)");
        }
    }
}
