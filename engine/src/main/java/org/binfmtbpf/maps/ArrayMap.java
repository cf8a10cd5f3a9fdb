package org.binfmtbpf.maps;

import org.binfmtbpf.linux.Errno;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Region;
import org.binfmtbpf.mem.RegionTable;

/**
 * BPF_MAP_TYPE_ARRAY: {@code max_entries} values indexed by a u32 key, all preallocated and
 * zeroed, living in one {@link Region} as in the kernel ({@code elem_size =
 * round_up(value_size, 8)}). Elements always exist: delete is -EINVAL and BPF_NOEXIST is
 * -EEXIST. Updates copy into the element in place, so a program holding a pointer sees them.
 *
 * <p>Also backs global data ({@code .rodata}, {@code .data}, {@code .bss}): a one-element
 * array whose value starts as the section's bytes; {@code .rodata} is read-only for programs.
 */
public final class ArrayMap extends MapBase {
    private final int elemSize;
    private final Region values;
    private final int valuesId;

    ArrayMap(MapSpec spec) {
        super(spec);
        this.elemSize = (spec.valueSize() + 7) & ~7;
        // The last element has no padding after it, so even it cannot be read past value_size.
        byte[] bytes = new byte[Math.addExact(Math.multiplyExact(elemSize, spec.maxEntries() - 1), spec.valueSize())];
        if (spec.initialValue() != null) {
            System.arraycopy(spec.initialValue(), 0, bytes, 0, Math.min(spec.initialValue().length, spec.valueSize()));
        }
        Region.Kind kind = spec.initialValue() != null ? Region.Kind.GLOBAL_DATA : Region.Kind.MAP_VALUE;
        this.values = new Region(spec.name(), kind, bytes, !readOnlyForProgram());
        this.valuesId = RegionTable.register(values);
    }

    /** The address of element {@code index}'s value (for LD_IMM64 map-value relocations: add the offset). */
    public long valueAddress(int index) {
        if (index < 0 || index >= maxEntries()) {
            throw new IndexOutOfBoundsException("map '" + name() + "': index " + index + " outside [0, " + maxEntries() + ")");
        }
        return Address.of(valuesId, (long) index * elemSize);
    }

    /** The region holding every element (element i at offset i * round_up(value_size, 8)). */
    public Region valuesRegion() {
        return values;
    }

    @Override
    long find(byte[] key, int keyOffset, boolean fromProgram) {
        long index = index(key, keyOffset);
        return index < maxEntries() ? Address.of(valuesId, index * elemSize) : 0;
    }

    @Override
    public int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags) {
        // The kernel's order of checks (array_map_update_elem).
        if (UpdateFlags.unknownBits(flags)) {
            return Errno.EINVAL.negated();
        }
        long index = index(key, keyOffset);
        if (index >= maxEntries()) {
            return Errno.E2BIG.negated();
        }
        if ((flags & UpdateFlags.NOEXIST) != 0) {
            return Errno.EEXIST.negated();
        }
        if (UpdateFlags.lock(flags)) {
            return Errno.EINVAL.negated();
        }
        System.arraycopy(value, valueOffset, values.bytes(), (int) index * elemSize, valueSize());
        return 0;
    }

    @Override
    public int delete(byte[] key, int keyOffset) {
        return Errno.EINVAL.negated();
    }

    @Override
    public byte[] nextKey(byte[] key) {
        return arrayNextKey(key);
    }

    @Override
    public void close() {
        RegionTable.release(valuesId);
        super.close();
    }
}
