// why: bpf_map_lookup_elem returns NULL for a missing key; the result is used unchecked
// expect: R0 invalid mem access 'map_value_or_null'
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

SEC("binfmt")
int count(const __u8 *hdr)
{
	__u32 key = hdr[18];
	__u64 *v = bpf_map_lookup_elem(&seen, &key);
	*v += 1;
	return 0;
}
