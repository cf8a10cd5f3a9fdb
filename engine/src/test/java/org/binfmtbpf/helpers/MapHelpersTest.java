package org.binfmtbpf.helpers;

import static org.binfmtbpf.helpers.HelperTestSupport.invocation;
import static org.binfmtbpf.helpers.HelperTestSupport.onStack;
import static org.binfmtbpf.helpers.MapHelpers.mapDeleteElem;
import static org.binfmtbpf.helpers.MapHelpers.mapLookupElem;
import static org.binfmtbpf.helpers.MapHelpers.mapUpdateElem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.mem.Address;
import org.binfmtbpf.mem.Memory;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Helpers 1-3 read keys and values from program memory and return the map's answers. */
class MapHelpersTest {
    private final BpfMap map = BpfMaps.create(new MapSpec("counts", MapType.HASH, 4, 8, 2, 0, null, false));
    private final long handle = Address.of(map.handleId(), 0);
    private final Invocation inv = invocation(new byte[256]);

    @AfterEach
    void close() {
        map.close();
    }

    private static byte[] le(long v, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        return (size == 8 ? b.putLong(v) : b.putInt((int) v)).array();
    }

    private long u64At(long address) {
        return ByteBuffer.wrap(Memory.resolve(inv, address, 8, false, 0).bytes(), Address.offset(address), 8)
                .order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void updateLookupAndDeleteThroughStackPointers() {
        long key = onStack(inv, 504, le(7, 4));
        long value = onStack(inv, 496, le(1234, 8));
        assertEquals(0, mapLookupElem(inv, handle, key, 0, 0, 0), "NULL before the insert");
        assertEquals(0, mapUpdateElem(inv, handle, key, value, 0, 0));
        long found = mapLookupElem(inv, handle, key, 0, 0, 0);
        assertNotEquals(0, found);
        assertEquals(1234, u64At(found));
        assertEquals(0, mapDeleteElem(inv, handle, key, 0, 0, 0));
        assertEquals(-2, mapDeleteElem(inv, handle, key, 0, 0, 0), "-ENOENT, sign-extended to 64 bits");
    }

    @Test
    void errnosComeBackAsNegative64BitValues() {
        long key = onStack(inv, 504, le(7, 4));
        long value = onStack(inv, 496, le(1, 8));
        assertEquals(-2L, mapUpdateElem(inv, handle, key, value, 2, 0), "BPF_EXIST on a missing key");
        assertEquals(0, mapUpdateElem(inv, handle, key, value, 1, 0));
        assertEquals(-17L, mapUpdateElem(inv, handle, key, value, 1, 0), "BPF_NOEXIST on an existing key");
        assertEquals(-22L, mapUpdateElem(inv, handle, key, value, 1L << 40, 0), "flags are u64: high bits are unknown flags");
        onStack(inv, 504, le(8, 4));
        assertEquals(0, mapUpdateElem(inv, handle, key, value, 0, 0));
        onStack(inv, 504, le(9, 4));
        assertEquals(-7L, mapUpdateElem(inv, handle, key, value, 0, 0), "-E2BIG when full");
    }

    @Test
    void theKeyIsReadWhereverThePointerPoints() {
        byte[] header = new byte[256];
        header[40] = 7;
        Invocation ctx = invocation(header);
        long value = onStack(ctx, 496, le(5, 8));
        assertEquals(0, mapUpdateElem(ctx, handle, Invocation.contextAddress() + 40, value, 0, 0));
        assertTrue(mapLookupElem(ctx, handle, onStack(ctx, 0, le(7, 4)), 0, 0, 0) != 0);
    }

    @Test
    void aKeyRunningOffItsRegionFaults() {
        BpfFault f = assertThrows(BpfFault.class, () -> mapLookupElem(inv, handle, Invocation.stackTop() - 2, 0, 0, 0));
        assertEquals(-1, f.pc());
    }

    @Test
    void aRegisterThatIsNotAMapHandleFaults() {
        BpfFault f = assertThrows(BpfFault.class, () -> mapLookupElem(inv, 42, HelperTestSupport.stack(0), 0, 0, 0));
        assertEquals("map_lookup_elem: 0x2a is not a map", f.reason());
        assertThrows(BpfFault.class, () -> mapLookupElem(inv, handle + 8, HelperTestSupport.stack(0), 0, 0, 0));
    }

    @Test
    void programsMayNotWriteReadOnlyMapsThroughHelpers() {
        BpfMap rodata = BpfMaps.create(new MapSpec("obj.rodata", MapType.ARRAY, 4, 8, 1, MapSpec.F_RDONLY_PROG, new byte[8], true));
        long h = Address.of(rodata.handleId(), 0);
        long key = onStack(inv, 504, le(0, 4));
        BpfFault f = assertThrows(BpfFault.class, () -> mapUpdateElem(inv, h, key, key - 8, 0, 0));
        assertTrue(f.reason().contains("write into map forbidden"), f.reason());
        assertThrows(BpfFault.class, () -> mapDeleteElem(inv, h, key, 0, 0, 0));
        assertNotEquals(0, mapLookupElem(inv, h, key, 0, 0, 0), "reading is fine");
        rodata.close();
    }
}
