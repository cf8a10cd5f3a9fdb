package org.binfmtbpf.fuzz;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapDump;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;

/** One of our engines as an oracle: r0 or the fault, plus the stack, context and maps it leaves. */
public final class EngineOracle implements Oracle {
    private final Engine engine;
    private final Invocation inv = new Invocation();

    public EngineOracle(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public boolean accepts(FuzzCase c) {
        return true;
    }

    @Override
    public Outcome run(FuzzCase c, FuzzCase.Built built) {
        {
            byte[] context = c.context().clone();
            Outcome.Kind kind;
            long r0 = 0;
            String detail = null;
            try {
                Executable executable = engine.prepare(built.program());
                PoisonedStack.fill(inv.stack);
                inv.begin(executable, context);
                inv.budget = c.budget();
                r0 = executable.run(inv);
                kind = Outcome.Kind.RETURNED;
            } catch (BpfFault f) {
                kind = Outcome.Kind.FAULTED;
                detail = f.getMessage();
            } catch (RuntimeException | StackOverflowError e) { // an engine bug, reported as a disagreement
                kind = Outcome.Kind.FAULTED;
                detail = "escaped " + e;
            }
            String memory = PoisonedStack.hex(inv.stack) + "/" + HexFormat.of().formatHex(context);
            Map<String, MapDump> maps = new LinkedHashMap<>();
            for (BpfMap m : built.maps()) {
                maps.put(m.name(), MapDump.of(m));
            }
            return new Outcome(kind, r0, detail, memory, maps);
        }
    }
}
