package org.binfmtbpf.maps;

/** Map types with the kernel's numbering (enum bpf_map_type). */
public enum MapType {
    HASH(1),
    ARRAY(2),
    PROG_ARRAY(3),
    LRU_HASH(9);

    private final int kernelId;

    MapType(int kernelId) {
        this.kernelId = kernelId;
    }

    public int kernelId() {
        return kernelId;
    }

    public static MapType fromKernelId(int id) {
        for (MapType t : values()) {
            if (t.kernelId == id) {
                return t;
            }
        }
        return null;
    }
}
