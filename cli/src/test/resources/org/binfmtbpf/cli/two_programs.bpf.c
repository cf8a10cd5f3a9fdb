// SPDX-License-Identifier: MIT
/*
 * two_programs.bpf.c: two programs, each using one of the object's two maps, so a program's
 * map_ids (the maps it refers to, as the kernel's used_maps) differ from the object's maps.
 *
 * Build: clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map=$PWD=. -c two_programs.bpf.c -o two_programs.bpf.o
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
	__uint(max_entries, 4);
} firsts SEC(".maps");

struct {
	__uint(type, 2); /* BPF_MAP_TYPE_ARRAY */
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} seconds SEC(".maps");

SEC("socket")
int read_first(__u32 *hdr)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&firsts, &key);
	return v ? (int)*v : 0;
}

SEC("socket")
int read_second(__u32 *hdr)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&seconds, &key);
	return v ? (int)*v : 0;
}

char LICENSE[] SEC("license") = "GPL";
