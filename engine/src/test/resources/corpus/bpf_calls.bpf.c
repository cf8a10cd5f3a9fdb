/* BPF-to-BPF calls: static non-inlined functions in .text, two levels deep, each with its
 * own stack frame, called from two programs (each gets its own copy appended, as libbpf
 * links them). Returns an FNV-1a hash mix of the header's first 64 bytes. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __noinline __u32 fnv1a(const __u8 *p, __u32 n)
{
	__u32 hash = 2166136261u;

	for (__u32 i = 0; i < n && i < 64; i++) {
		hash ^= p[i];
		hash *= 16777619u;
	}
	return hash;
}

static __noinline __u32 hash_ident(const __u64 *hdr)
{
	__u8 ident[16];

	__builtin_memcpy(ident, hdr, sizeof(ident));
	ident[0] = 0; /* ignore the first magic byte */
	return fnv1a(ident, sizeof(ident));
}

static __noinline __u32 hash_rest(const __u64 *hdr)
{
	return fnv1a((const __u8 *)hdr + 16, 48);
}

static __always_inline int hash_header(const void *ctx)
{
	__u64 hdr[8];
	const __u64 *src = ctx;

#pragma unroll
	for (int i = 0; i < 8; i++)
		hdr[i] = src[i];
	return (int)(hash_ident(hdr) ^ (hash_rest(hdr) >> 1));
}

SEC("binfmt")
int hash_calls(const void *header)
{
	return hash_header(header);
}

SEC("syscall")
int hash_calls_syscall(const void *header)
{
	return hash_header(header);
}
