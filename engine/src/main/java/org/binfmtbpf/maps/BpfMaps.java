package org.binfmtbpf.maps;

import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.RegionTable;

/**
 * TEMPORARY (h-elf): a stand-in for H-maps' factory with the agreed signature, so the ELF
 * loader compiles before H-maps is merged into main. Deleted in favour of H-maps' class on merge.
 */
public final class BpfMaps {
    private BpfMaps() {}

    public static BpfMap create(MapSpec spec) {
        if (spec.type() == MapType.ARRAY) {
            return new ArrayMap(spec);
        }
        if (spec.type() == MapType.PROG_ARRAY) {
            return new ProgArrayMap(spec);
        }
        return new Handle(spec);
    }

    /** TEMPORARY: a map that is only a handle. */
    static class Handle implements BpfMap {
        private final MapSpec spec;
        private final int handleId;

        Handle(MapSpec spec) {
            this.spec = spec;
            this.handleId = RegionTable.register(this);
        }

        public String name() { return spec.name(); }
        public MapType type() { return spec.type(); }
        public int keySize() { return spec.keySize(); }
        public int valueSize() { return spec.valueSize(); }
        public int maxEntries() { return spec.maxEntries(); }
        public int flags() { return spec.flags(); }
        public int handleId() { return handleId; }

        long handleAddress() { return Address.of(handleId, 0); }
    }
}
