// SPDX-License-Identifier: MIT
/*
 * shared_counter.bpf.c: two programs over one array map, as libbpf creates it once per object:
 * bump adds one to counts[0] on every run (a 'B' program that counts how often binfmt_misc
 * asked it), peek returns counts[0]. Loaded with 'prog loadall', a bump through one pin is
 * what peek sees through the other.
 *
 * Build: clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map=$PWD=. -c shared_counter.bpf.c -o shared_counter.bpf.o
 */
typedef unsigned int __u32;
typedef unsigned long long __u64;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
	__uint(type, 2); /* BPF_MAP_TYPE_ARRAY */
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} counts SEC(".maps");

SEC("socket")
int bump(__u32 *hdr)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&counts, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}

SEC("socket")
int peek(__u32 *hdr)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&counts, &key);
	return n ? (int)*n : -1;
}

char LICENSE[] SEC("license") = "GPL";
