package org.binfmtbpf.maps;

import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;

/** TEMPORARY (h-elf): stand-in for H-maps' ArrayMap with the agreed {@link #valueAddress}; deleted on merge. */
public final class ArrayMap extends BpfMaps.Handle {
    private final int elemSize;
    private final int valuesId;

    ArrayMap(MapSpec spec) {
        super(spec);
        this.elemSize = (spec.valueSize() + 7) & ~7;
        byte[] bytes = new byte[elemSize * (spec.maxEntries() - 1) + spec.valueSize()];
        if (spec.initialValue() != null) {
            System.arraycopy(spec.initialValue(), 0, bytes, 0, Math.min(spec.initialValue().length, spec.valueSize()));
        }
        this.valuesId = RegionTable.register(new Region(spec.name(), Region.Kind.MAP_VALUE, bytes, !spec.readOnlyForProgram()));
    }

    public long valueAddress(int index) {
        return Address.of(valuesId, (long) index * elemSize);
    }
}
