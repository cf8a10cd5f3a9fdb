// why: only the first bytes of the path buffer are written before all 32 are handed to the helper
// expect: invalid indirect read from stack
#include "binfmt_bpf.h"
char LICENSE[] SEC("license") = "GPL";

SEC("binfmt")
int choose(const __u8 *hdr)
{
	char path[32];
	path[0] = '/';
	path[1] = hdr[0];
	bpf_binprm_set_interp(path, sizeof(path));
	return 1;
}
