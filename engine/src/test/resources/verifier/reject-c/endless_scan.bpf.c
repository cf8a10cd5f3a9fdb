// why: the scan for a zero byte has no bound once it leaves the header's values behind
// expect: invalid bpf_context access
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

SEC("binfmt")
int strlen_header(const __u8 *hdr)
{
	int n = 0;
	while (hdr[n])
		n++;
	return n;
}
