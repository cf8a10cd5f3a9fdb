package org.binfmtbpf.cli.handlers;

import org.binfmtbpf.linux.Errno;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.RegistrationException;
import org.binfmtbpf.binfmt.Registered;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.UserError;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** cat /proc/sys/fs/binfmt_misc/status, or /proc/sys/fs/binfmt_misc/NAME. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print binfmt_misc's status file, or entry NAME's file, as the kernel writes them.",
            "An entry's file says enabled, interpreter, flags, then offset/magic/mask, extension or bpf "
                + "<pinned path>. --list prints the entry names, newest (searched first) first, as ls would."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = {"-l", "--list"}, description = "List the entry names, newest first.")
    boolean list;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "An entry name.")
    String name;

    @Override
    public Integer call() throws Exception {
        if (list && name != null) {
            throw UserError.usage("--list lists every entry; it takes no NAME (got '" + name + "')");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.read(state.directory())) {
            BinfmtMisc binfmt = ws.binfmt();
            if (json.enabled()) {
                json.print(out, name != null ? entryJson(binfmt, find(binfmt, name)) : instanceJson(binfmt));
                return 0;
            }
            if (name != null) {
                out.print(Latin1.toUtf8(read(binfmt, name)));
            } else if (list) {
                binfmt.names().forEach(n -> out.println(Latin1.toUtf8(n)));
            } else {
                out.print(binfmt.readStatus());
            }
            out.flush();
        }
        return 0;
    }

    private static String read(BinfmtMisc binfmt, String name) {
        try {
            return binfmt.readEntry(Latin1.fromUtf8(name));
        } catch (RegistrationException e) {
            // register exists but cannot be read (EINVAL); anything else is a missing entry.
            throw UserError.environment(name + ": " + (e.errno() == Errno.ENOENT ? "no such entry" : e.errno().text()));
        }
    }

    private static Registered find(BinfmtMisc binfmt, String name) {
        return binfmt.table().find(Latin1.fromUtf8(name))
                .orElseThrow(() -> UserError.environment(name + ": no such entry"));
    }

    private static Map<String, Object> instanceJson(BinfmtMisc binfmt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", binfmt.table().enabled());
        List<Object> entries = new ArrayList<>();
        binfmt.table().entries().forEach(r -> entries.add(entryJson(binfmt, r)));
        m.put("entries", entries);
        return m;
    }

    private static Map<String, Object> entryJson(BinfmtMisc binfmt, Registered r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", Latin1.toUtf8(r.entry().name()));
        m.put("enabled", r.enabled());
        m.put("type", String.valueOf(r.entry().type()));
        m.put("status", Latin1.toUtf8(binfmt.readEntry(r.entry().name())));
        return m;
    }
}
