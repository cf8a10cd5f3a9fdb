/* A bounded loop over the ELF64 program headers that fit in the 256-byte header: reads
 * e_phoff and e_phnum, then each p_type. Returns PT_LOAD count + 16 if a PT_INTERP
 * (dynamically linked) was seen, or 0 for anything that is not ELF64. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define PT_LOAD 1
#define PT_INTERP 3
#define PHDR_SIZE 56
#define MAX_PHDRS 8

static __always_inline int scan(const void *ctx)
{
	__u64 hdr[HEADER_SIZE / 8];
	const __u8 *h = (const __u8 *)hdr;

	copy_header(hdr, ctx);
	if ((__u32)hdr[0] != ELF_MAGIC || h[EI_CLASS] != ELFCLASS64)
		return 0;
	__u64 phoff = hdr[4];                      /* e_phoff at 32 */
	__u32 phnum = (__u16)hdr[7];               /* e_phnum at 56 */
	int loads = 0, interp = 0;

	for (__u32 i = 0; i < MAX_PHDRS && i < phnum; i++) {
		__u64 at = phoff + (__u64)i * PHDR_SIZE;
		if (at > HEADER_SIZE - 4)
			break;
		/* byte by byte: e_phoff need not be aligned, and the kernel wants aligned stack reads */
		__u32 type = h[at] | h[at + 1] << 8 | h[at + 2] << 16 | (__u32)h[at + 3] << 24;
		if (type == PT_LOAD)
			loads++;
		else if (type == PT_INTERP)
			interp = 16;
	}
	return loads + interp;
}

SEC("binfmt")
int count_phdrs(const void *header)
{
	return scan(header);
}

SEC("syscall")
int count_phdrs_syscall(const void *header)
{
	return scan(header);
}
