package org.binfmtbpf.binfmt;

import java.nio.file.Path;

/** A separate process for {@link StateDirectoryTest}: registers N entries, one session each. */
public final class StateWriterMain {
    private StateWriterMain() {}

    public static void main(String[] args) {
        StateDirectory dir = StateDirectory.at(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            try (StateSession s = dir.open(new ProgramLoader(Engines::preferred), path -> null, FaultListener.LOG)) {
                s.binfmt().register(":" + args[1] + "-" + i + ":E::x::/bin/sh:");
                s.commit();
            }
        }
    }
}
