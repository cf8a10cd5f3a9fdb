/* A map declared the old way, in the "maps" section as struct bpf_map_def (what libbpf
 * before 1.0 read): an array counting headers per EI_CLASS. Returns the new count. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_map_def SEC("maps") class_counts = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 4,
};

static __always_inline int count_class(const __u8 *h)
{
	__u32 cls = h[EI_CLASS] & 3;
	__u64 *count = bpf_map_lookup_elem(&class_counts, &cls);

	if (!count)
		return 0;
	return (int)__sync_add_and_fetch(count, 1);
}

SEC("binfmt")
int count_classes(const __u8 *header)
{
	return count_class(header);
}

SEC("syscall")
int count_classes_syscall(const __u8 *header)
{
	return count_class(header);
}
