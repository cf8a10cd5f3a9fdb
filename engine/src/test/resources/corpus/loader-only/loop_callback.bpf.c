/* Loader-only (the engine has no bpf_loop, so it is kept out of the run and verify corpus).
 * bpf_loop (helper 181) with a static callback: the callback's address is an LD_IMM64 with
 * src 4 (a function pointer), relocated against .text like a call. Sums the header's first
 * 64 bytes. */
#include "../binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *) 181;

struct sum_state {
	__u64 words[8];
	__u32 sum;
};

static long add_byte(__u32 index, void *data)
{
	struct sum_state *s = data;

	if (index < sizeof(s->words))
		s->sum += ((const __u8 *)s->words)[index];
	return 0;
}

static __always_inline int sum_header(const void *ctx)
{
	const __u64 *src = ctx;
	struct sum_state s = { .sum = 0 };

#pragma unroll
	for (int i = 0; i < 8; i++)
		s.words[i] = src[i];
	bpf_loop(sizeof(s.words), add_byte, &s, 0);
	return s.sum;
}

SEC("binfmt")
int sum_bytes(const void *header)
{
	return sum_header(header);
}

SEC("syscall")
int sum_bytes_syscall(const void *header)
{
	return sum_header(header);
}
