package org.binfmtbpf.cli.prog;

import java.util.List;
import org.binfmtbpf.cli.Pin;
import org.binfmtbpf.cli.ProgramTag;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;

/**
 * bpftool's PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }, over the
 * pinned programs (ids as 'prog show' numbers them). Read from the words before the state is
 * opened, matched after.
 */
record ProgRef(String how, String what) {

    static ProgRef read(Words w) {
        String how = w.choice("a program (id ID | pinned PATH | tag TAG | name NAME)", "id", "pinned", "tag", "name");
        String what = switch (how) {
            case "id" -> Integer.toString(w.integer("PROG_ID"));
            case "pinned" -> w.operand("PATH");
            case "tag" -> w.operand("PROG_TAG");
            default -> w.operand("PROG_NAME");
        };
        return new ProgRef(how, what);
    }

    /** Every program the reference names: one for id and pinned, any number for tag and name. */
    List<Pin> matches(Workspace ws) {
        if (how.equals("pinned")) {
            return List.of(Pin.at(ws, what));
        }
        List<Pin> found = ws.pinned().stream().filter(p -> what.equals(key(p))).toList();
        if (found.isEmpty()) {
            throw UserError.environment("prog " + how + " " + what + ": no such program (see 'prog show')");
        }
        return found;
    }

    /** The one program the reference names; several are a usage error, as bpftool's 'several programs match'. */
    Pin one(Workspace ws) {
        List<Pin> found = matches(ws);
        if (found.size() > 1) {
            throw UserError.usage("prog " + how + " " + what + ": " + found.size()
                    + " programs match; name one with id or pinned");
        }
        return found.get(0);
    }

    private String key(Pin p) {
        return switch (how) {
            case "id" -> Integer.toString(p.id());
            case "tag" -> ProgramTag.of(p.program());
            default -> p.program().name();
        };
    }
}
