package org.binfmtbpf.binfmt;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;

/**
 * A program as the pin store and 'B' entries hold it: where it came from (so the state
 * directory can store and reload it), the loaded program and its executable. Loading and
 * compiling happen once, on first use (a program pinned by this process is loaded at pin time,
 * so a bad program is refused there); every resolution on every thread shares the result.
 */
public final class PinnedProgram {
    private final String id;
    private final ProgramSource source;
    private final ProgramLoader loader;
    private volatile Program program;
    /** The program as built, kept from loading until it is prepared (it holds the verifier's facts). */
    private ProgramLoader.Built built;
    private volatile Executable executable;

    PinnedProgram(String id, ProgramSource source, ProgramLoader loader) {
        this.id = id;
        this.source = source;
        this.loader = loader;
    }

    /** The content id of {@link #source()} in the state directory. */
    public String id() { return id; }

    public ProgramSource source() { return source; }

    /** The loaded and validated program; loads it on first call. */
    public Program program() {
        Program p = program;
        if (p == null) {
            synchronized (this) {
                if (program == null) {
                    built = loader.build(source);
                    program = built.program();
                }
                p = program;
            }
        }
        return p;
    }

    /** The program prepared by the engine; compiles it on first call, with what verifying it proved. */
    public Executable executable() {
        Executable e = executable;
        if (e == null) {
            synchronized (this) {
                if (executable == null) {
                    program();
                    executable = loader.prepare(built);
                    built = null;
                }
                e = executable;
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return source.type().sectionName() + " program " + source.name() + " (" + id + ")";
    }
}
