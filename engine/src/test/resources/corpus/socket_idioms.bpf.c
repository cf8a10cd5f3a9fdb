/* Socket filter idioms: legacy packet loads (LD_ABS, through LLVM's bpf.load.* intrinsics)
 * and bpf_skb_load_bytes. Under the kernel's test run the packet starts after a 14-byte
 * Ethernet header; on the 'B' path the header is the packet. Returns 1 for a
 * little-endian ELF64 header whose bytes agree both ways, else 0. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

SEC("socket")
int elf_filter(struct __sk_buff *skb)
{
	__u8 ident[20];

	if (load_word(skb, 0) != 0x7f454c46) /* LD_ABS reads big-endian */
		return 0;
	if (load_byte(skb, EI_CLASS) != ELFCLASS64 || load_byte(skb, EI_DATA) != ELFDATA2LSB)
		return 0;
	if (bpf_skb_load_bytes(skb, 0, ident, sizeof(ident)) < 0)
		return 0;
	/* e_machine at 18: little-endian in the bytes, big-endian from LD_ABS */
	return (ident[18] | ident[19] << 8) == __builtin_bswap16(load_half(skb, 18));
}
