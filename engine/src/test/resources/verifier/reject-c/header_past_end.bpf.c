// why: the header is 256 bytes; the loop runs one byte too far
// expect: invalid bpf_context access off=256 size=1
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

SEC("binfmt")
int sum_header(const __u8 *hdr)
{
	__u32 sum = 0;
	for (int i = 0; i <= HEADER_SIZE; i++)
		sum += hdr[i];
	return sum & 1;
}
