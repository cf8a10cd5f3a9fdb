package org.binfmtbpf.helpers;

/**
 * The helpers this engine implements, with the kernel's ids (enum bpf_func_id), names and
 * prototypes (each helper's bpf_func_proto), plus the RFC's helper 212.
 */
public final class StandardHelpers {
    private StandardHelpers() {}

    public static final int MAP_LOOKUP_ELEM = 1;
    public static final int MAP_UPDATE_ELEM = 2;
    public static final int MAP_DELETE_ELEM = 3;
    public static final int KTIME_GET_NS = 5;
    public static final int TRACE_PRINTK = 6;
    public static final int GET_PRANDOM_U32 = 7;
    public static final int GET_SMP_PROCESSOR_ID = 8;
    public static final int TAIL_CALL = 12;
    public static final int GET_CURRENT_PID_TGID = 14;
    public static final int GET_CURRENT_UID_GID = 15;
    public static final int SKB_LOAD_BYTES = 26;
    /** The RFC's bpf_binprm_set_interp; not in a stock kernel. */
    public static final int BINPRM_SET_INTERP = 212;

    private static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(Helper.ofStatic(MAP_LOOKUP_ELEM, "map_lookup_elem", MapHelpers.LOOKUP, MapHelpers.class, "mapLookupElem"))
            .add(Helper.ofStatic(MAP_UPDATE_ELEM, "map_update_elem", MapHelpers.UPDATE, MapHelpers.class, "mapUpdateElem"))
            .add(Helper.ofStatic(MAP_DELETE_ELEM, "map_delete_elem", MapHelpers.DELETE, MapHelpers.class, "mapDeleteElem"))
            .add(Helper.ofStatic(KTIME_GET_NS, "ktime_get_ns", TimeHelpers.KTIME_GET_NS, TimeHelpers.class, "ktimeGetNs"))
            .add(Helper.ofStatic(TRACE_PRINTK, "trace_printk", TraceHelpers.TRACE_PRINTK, TraceHelpers.class, "tracePrintk"))
            .add(Helper.ofStatic(GET_PRANDOM_U32, "get_prandom_u32", RandomHelpers.GET_PRANDOM_U32, RandomHelpers.class, "getPrandomU32"))
            .add(Helper.ofStatic(GET_SMP_PROCESSOR_ID, "get_smp_processor_id", TaskHelpers.GET_SMP_PROCESSOR_ID, TaskHelpers.class, "getSmpProcessorId"))
            .add(Helper.ofStatic(TAIL_CALL, "tail_call", TailCallHelpers.TAIL_CALL, TailCallHelpers.class, "tailCall"))
            .add(Helper.ofStatic(GET_CURRENT_PID_TGID, "get_current_pid_tgid", TaskHelpers.GET_CURRENT_PID_TGID, TaskHelpers.class, "getCurrentPidTgid"))
            .add(Helper.ofStatic(GET_CURRENT_UID_GID, "get_current_uid_gid", TaskHelpers.GET_CURRENT_UID_GID, TaskHelpers.class, "getCurrentUidGid"))
            .add(Helper.ofStatic(SKB_LOAD_BYTES, "skb_load_bytes", PacketHelpers.SKB_LOAD_BYTES, PacketHelpers.class, "skbLoadBytes"))
            .add(Helper.ofStatic(BINPRM_SET_INTERP, "binprm_set_interp", BinprmHelpers.BINPRM_SET_INTERP, BinprmHelpers.class, "binprmSetInterp"))
            .build();

    /** The standard registry; immutable and shared. Extend it with {@link HelperRegistry#toBuilder()}. */
    public static HelperRegistry registry() {
        return REGISTRY;
    }
}
