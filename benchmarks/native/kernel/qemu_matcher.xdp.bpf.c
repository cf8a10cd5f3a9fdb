/* Kernel twin of the corpus's stack-path qemu matcher (engine/src/test/resources/corpus/
 * qemu_matcher.bpf.c), compiled from that same file; the call to helper 212 is a call to
 * bpf_probe_read_kernel copying the same path bytes (xdp_twin.h), and match() runs in an XDP
 * program on the packet (the header). */
#include "xdp_twin.h"

#define bpf_binprm_set_interp(path, len) SET_INTERP_TWIN(path, len, sizeof(path))
#include "qemu_matcher.bpf.c"

XDP_TWIN(qemu_match_xdp, match)
