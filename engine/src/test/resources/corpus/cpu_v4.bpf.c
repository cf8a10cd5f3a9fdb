/* cpu v4 arithmetic (built with -mcpu=v4): sign-extending loads (ldsx), signed division
 * and modulo (sdiv/smod), sign-extending moves (movsx) and unconditional byte swaps
 * (bswap), all on values taken from the header so nothing folds away. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline long mix(const __u8 *h)
{
	__s8 pad = *(const __s8 *)(h + 9);          /* ldsx b */
	__s16 type = *(const __s16 *)(h + 16);      /* ldsx h */
	__s32 version = *(const __s32 *)(h + 20);   /* ldsx w */
	__u32 entry = *(const __u32 *)(h + 24);
	long divisor = (long)(__s8)(entry >> 8) | 1; /* movsx from a register */
	long q = (long)version / divisor;           /* sdiv */
	long r = (long)type % ((long)pad | 3);      /* smod */
	__u32 swapped = __builtin_bswap32(entry);   /* bswap32 */
	__u16 half = __builtin_bswap16((__u16)type); /* bswap16 */
	int narrow = (__s16)(swapped >> 3);         /* movsx 16 -> 32 */
	return q * 31 + r * 7 + half + narrow;
}

SEC("binfmt")
int v4_arith(const __u8 *header)
{
	return (int)mix(header);
}

SEC("syscall")
int v4_arith_syscall(const __u8 *header)
{
	return (int)mix(header);
}
