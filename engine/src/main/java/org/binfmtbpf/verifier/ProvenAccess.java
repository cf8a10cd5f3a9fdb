package org.binfmtbpf.verifier;

/**
 * What the verifier proved about one load or store instruction, over every path that reaches
 * it: the region it touches and the range of the first byte's offset within that region.
 *
 * <ul>
 *   <li>CONTEXT: offsets from the start of the context.</li>
 *   <li>STACK: offsets from the frame pointer (r10) of the frame {@code framesUp} calls above
 *       the one executing the instruction (0: its own frame); negative.</li>
 *   <li>MAP_VALUE: offsets from the start of the value of map {@code map}.</li>
 *   <li>VARIES: nothing is promised beyond safety.</li>
 * </ul>
 *
 * @param framesUp for STACK; -1 when paths disagree (then {@code region} is VARIES)
 * @param map      for MAP_VALUE; null when paths disagree
 */
public record ProvenAccess(RegionKind region, long minOffset, long maxOffset, int size, boolean write,
                           int framesUp, MapRef map) {

    /** True when every run accesses the same bytes of the same region. */
    public boolean fixed() {
        return region != RegionKind.VARIES && minOffset == maxOffset;
    }

    /** The facts of two paths through the same instruction, joined. */
    ProvenAccess join(ProvenAccess o) {
        boolean same = region == o.region && framesUp == o.framesUp
                && (map == null ? o.map == null : o.map != null && map.identity() == o.map.identity());
        if (!same) {
            return new ProvenAccess(RegionKind.VARIES, 0, 0, size, write, -1, null);
        }
        return new ProvenAccess(region, Math.min(minOffset, o.minOffset), Math.max(maxOffset, o.maxOffset), size, write,
                framesUp, map);
    }

    @Override
    public String toString() {
        String where = switch (region) {
            case CONTEXT -> "ctx";
            case STACK -> "fp" + (framesUp == 0 ? "" : "[up " + framesUp + "]");
            case MAP_VALUE -> "map_value(" + map.name() + ")";
            case VARIES -> "varies";
        };
        String range = minOffset == maxOffset ? Long.toString(minOffset) : "[" + minOffset + "," + maxOffset + "]";
        return (write ? "store " : "load ") + size + " @ " + where + (region == RegionKind.VARIES ? "" : " off " + range);
    }
}
