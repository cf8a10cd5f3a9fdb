// why: the return value must be a number, not an address
// expect: R0 leaks addr as return value
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

SEC("binfmt")
long leak(const __u8 *hdr)
{
	return (long)(hdr + 4);
}
