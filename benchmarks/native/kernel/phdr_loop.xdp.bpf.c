/* Kernel twin of the corpus's program-header walker (engine/src/test/resources/corpus/
 * phdr_loop.bpf.c), compiled from that same file: scan() runs in an XDP program on the
 * packet (the header) instead of on the context. No helper calls; nothing else differs. */
#include "xdp_twin.h"
#include "phdr_loop.bpf.c"

XDP_TWIN(count_phdrs_xdp, scan)
