package org.binfmtbpf.verifier;

import org.binfmtbpf.maps.MapType;

/**
 * The map a handle or value pointer belongs to, as far as the verifier cares: its sizes,
 * type and whether programs may write its values ({@code .rodata} may not).
 *
 * @param name     the map's name, for messages
 * @param identity what makes two references the same map (its index in the program, or its region id)
 */
public record MapRef(String name, int identity, MapType type, int keySize, int valueSize, int maxEntries, boolean readOnly) {
}
