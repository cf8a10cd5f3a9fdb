package org.binfmtbpf.maps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian key and value bytes for map tests. */
final class MapBytes {
    private MapBytes() {}

    static byte[] u32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static long u64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static long u32(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    static MapSpec spec(MapType type, int keySize, int valueSize, int maxEntries) {
        return new MapSpec("m", type, keySize, valueSize, maxEntries, 0, null, false);
    }
}
