package org.binfmtbpf.verifier;

/** The memory a load or store was proven to reach. */
public enum RegionKind {
    CONTEXT,
    STACK,
    MAP_VALUE,
    /** Different paths reach different regions: the engine must decode the address at run time. */
    VARIES
}
