// why: the interpreter path's length comes from the header unchecked: it may be zero, or far too long
// expect: R2 invalid zero-sized read
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

SEC("binfmt")
int choose(const __u8 *hdr)
{
	char path[32] = "/usr/bin/qemu-aarch64-static";
	__u32 len = *(const __u32 *)(hdr + 8) + 1;
	bpf_binprm_set_interp(path, len);
	return 1;
}
