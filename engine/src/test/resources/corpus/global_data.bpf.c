/* Global data as libbpf maps it: a .rodata lookup table and a const volatile setting,
 * a .data counter with an initial value and a .bss slot, all reached through LD_IMM64
 * map-value relocations. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* .rodata: a weight per EI_OSABI value (low 4 bits); arbitrary values so no lookup-table
 * arithmetic can replace the load. */
static const __u16 osabi_weight[16] = {
	101, 7, 53, 19, 88, 2, 61, 44, 13, 97, 5, 71, 30, 66, 9, 83,
};
/* .rodata, set by a loader before load in libbpf's style (const volatile). */
const volatile __u32 bonus = 1000;

/* .data: counts runs, starting at 40. */
__u64 runs = 40;
/* .bss: the last e_machine seen. */
__u32 last_machine;

static __always_inline int weigh(const __u8 *h)
{
	last_machine = *(const __u16 *)(h + 18);
	runs++;
	return osabi_weight[h[7] & 15] + bonus + (int)runs;
}

SEC("binfmt")
int weigh_header(const __u8 *header)
{
	return weigh(header);
}

SEC("syscall")
int weigh_header_syscall(const __u8 *header)
{
	return weigh(header);
}
