// why: two nested functions with 320 and 256 bytes of locals need more than the 512-byte stack
// expect: combined stack size of 2 calls is 576. Too large
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

static __noinline int inner(const __u8 *hdr)
{
	volatile __u64 buf[32];
	for (int i = 0; i < 32; i++)
		buf[i] = hdr[i];
	return buf[hdr[0] & 31];
}

SEC("binfmt")
int outer(const __u8 *hdr)
{
	volatile __u64 big[40];
	for (int i = 0; i < 40; i++)
		big[i] = hdr[i];
	return inner(hdr) + big[hdr[1] & 31];
}
