// why: a 'B' program may not change the file it matches: the header is read-only
// expect: invalid bpf_context access off=0 size=1
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

SEC("binfmt")
int scribble(__u8 *hdr)
{
	hdr[0] = 0;
	return 0;
}
