package org.binfmtbpf.maps;

import java.util.Arrays;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;

/** What every map shares: its spec, its handle in the {@link RegionTable}, and userspace lookups as copies. */
abstract class MapBase implements BpfMap {
    final MapSpec spec;
    private final int handleId;

    MapBase(MapSpec spec) {
        this.spec = spec;
        this.handleId = RegionTable.register(this);
    }

    @Override public String name() { return spec.name(); }
    @Override public MapType type() { return spec.type(); }
    @Override public int keySize() { return spec.keySize(); }
    @Override public int valueSize() { return spec.valueSize(); }
    @Override public int maxEntries() { return spec.maxEntries(); }
    @Override public int flags() { return spec.flags(); }
    @Override public int handleId() { return handleId; }
    @Override public boolean readOnlyForProgram() { return spec.readOnlyForProgram() || BpfMap.super.readOnlyForProgram(); }

    /** The value's address for {@code key}, or 0; {@code fromProgram} distinguishes the two views (LRU marks only program lookups). */
    abstract long find(byte[] key, int keyOffset, boolean fromProgram);

    @Override
    public long lookupAddress(byte[] key, int keyOffset) {
        return find(key, keyOffset, true);
    }

    @Override
    public byte[] lookup(byte[] key) {
        checkSize("key", key, keySize());
        long address = find(key, 0, false);
        if (address == 0) {
            return null;
        }
        Region region = (Region) RegionTable.get(Address.region(address));
        int offset = Address.offset(address);
        return Arrays.copyOfRange(region.bytes(), offset, offset + valueSize());
    }

    @Override
    public void close() {
        RegionTable.release(handleId);
    }

    /** A little-endian u32 array index read from a key. */
    static long index(byte[] key, int keyOffset) {
        return (key[keyOffset] & 0xffL) | (key[keyOffset + 1] & 0xffL) << 8
                | (key[keyOffset + 2] & 0xffL) << 16 | (key[keyOffset + 3] & 0xffL) << 24;
    }

    static byte[] indexKey(long index) {
        return new byte[] {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)};
    }

    /**
     * array_map_get_next_key: a null or out-of-range key restarts at index 0; the last index
     * has no successor (null, the kernel's -ENOENT).
     */
    final byte[] arrayNextKey(byte[] key) {
        if (key == null) {
            return indexKey(0);
        }
        checkSize("key", key, keySize());
        long index = index(key, 0);
        if (index >= maxEntries()) {
            return indexKey(0);
        }
        return index == maxEntries() - 1 ? null : indexKey(index + 1);
    }

    @Override
    public String toString() {
        return type().name().toLowerCase() + " map '" + name() + "'";
    }
}
