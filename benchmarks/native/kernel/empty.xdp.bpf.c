/* The kernel's fixed cost per test run: the XDP twin of a program that only returns 0. */
#include "xdp_twin.h"

static inline int nothing(const void *header) { return 0; }

XDP_TWIN(empty_xdp, nothing)

char LICENSE[] __attribute__((section("license"), used)) = "GPL";
