/* Kernel twin of the bundled qemu matcher (cli/src/main/resources/org/binfmtbpf/cli/demo/
 * qemu.bpf.c), compiled from that same file. It differs in two ways only:
 *  - the call to helper 212 is a call to bpf_probe_read_kernel copying the same path bytes
 *    (xdp_twin.h);
 *  - the matcher is inlined into an XDP program that hands it the packet (the header).
 * run.sh makes the original `binfmt` section non-executable, so libbpf loads only the XDP one. */
#include "xdp_twin.h"

#define bpf_binprm_set_interp(path, len) SET_INTERP_TWIN(path, len, INTERP_MAX)
#include "qemu.bpf.c"

XDP_TWIN(qemu_xdp, qemu)
