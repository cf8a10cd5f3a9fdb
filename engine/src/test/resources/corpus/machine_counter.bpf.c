/* Counts executed ELF files per e_machine in a BTF-defined hash map and never matches
 * (returns 0, so the search falls through to the next handler). */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} machines SEC(".maps");

static __always_inline int count(const __u8 *h)
{
	if (*(const __u32 *)h != ELF_MAGIC)
		return 0;
	__u32 machine = *(const __u16 *)(h + 18);
	__u64 *seen = bpf_map_lookup_elem(&machines, &machine);
	if (seen) {
		__sync_fetch_and_add(seen, 1);
	} else {
		__u64 one = 1;
		bpf_map_update_elem(&machines, &machine, &one, BPF_NOEXIST);
	}
	return 0;
}

SEC("binfmt")
int count_machines(const __u8 *header)
{
	return count(header);
}

SEC("syscall")
int count_machines_syscall(const __u8 *header)
{
	return count(header);
}
