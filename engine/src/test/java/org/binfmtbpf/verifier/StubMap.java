package org.binfmtbpf.verifier;

import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapType;

/** A map's shape for verifier tests: the verifier reads only these properties. */
public record StubMap(String name, MapType type, int keySize, int valueSize, int maxEntries, int flags, int handleId)
        implements BpfMap {
}
