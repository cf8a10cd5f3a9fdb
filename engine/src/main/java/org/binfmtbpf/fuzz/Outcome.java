package org.binfmtbpf.fuzz;

import java.util.Map;
import org.binfmtbpf.maps.MapDump;

/**
 * How one oracle ended one case. {@code memory} is the stack and context an engine left
 * behind (null for the kernel, which does not show them); {@code maps} the maps' contents.
 */
public record Outcome(Kind kind, long r0, String detail, String memory, Map<String, MapDump> maps) {
    public enum Kind { RETURNED, FAULTED, REFUSED }

    public static Outcome refused(String why) {
        return new Outcome(Kind.REFUSED, 0, why, null, Map.of());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RETURNED -> "r0 = 0x" + Long.toHexString(r0) + (maps.isEmpty() ? "" : ", maps " + maps.values());
            case FAULTED -> "fault: " + detail;
            case REFUSED -> "refused: " + detail;
        };
    }
}
