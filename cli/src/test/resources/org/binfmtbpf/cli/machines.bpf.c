// SPDX-License-Identifier: MIT
/*
 * machines.bpf.c: counts the e_machine of every ELF header it sees in a hash map and
 * returns 1 for ELF files, 0 otherwise. No helper 212, so it also runs in a stock kernel.
 *
 * Build: clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map=$PWD=. -c machines.bpf.c -o machines.bpf.o
 */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;

struct {
	__uint(type, 1); /* BPF_MAP_TYPE_HASH */
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
} machines SEC(".maps");

SEC("socket")
int count_machines(__u32 *hdr)
{
	if (hdr[0] != 0x464c457f) /* "\x7fELF" */
		return 0;
	__u32 machine = hdr[4] >> 16; /* e_machine, little-endian files */
	__u64 one = 1;
	__u64 *n = bpf_map_lookup_elem(&machines, &machine);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&machines, &machine, &one, 0);
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
