/* Tail calls through a program array that the object initialises itself (libbpf's
 * declarative .values = { [i] = &prog }): the entry program jumps to the handler for the
 * header's EI_CLASS; a class with no handler falls through and returns 0. Each program
 * type gets its own array, since the kernel ties a program array to one program type.
 * The kernel variant is a socket filter: syscall programs are sleepable, and sleepable
 * programs may not use program arrays. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

int on_elf32(const __u8 *header);
int on_elf64(const __u8 *header);
int on_elf32_socket(struct __sk_buff *skb);
int on_elf64_socket(struct __sk_buff *skb);

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__array(values, int (const __u8 *));
} by_class SEC(".maps") = {
	.values = {
		[ELFCLASS32] = (void *)&on_elf32,
		[ELFCLASS64] = (void *)&on_elf64,
	},
};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__array(values, int (struct __sk_buff *));
} by_class_socket SEC(".maps") = {
	.values = {
		[ELFCLASS32] = (void *)&on_elf32_socket,
		[ELFCLASS64] = (void *)&on_elf64_socket,
	},
};

SEC("binfmt/elf32")
int on_elf32(const __u8 *header)
{
	return 32;
}

SEC("binfmt/elf64")
int on_elf64(const __u8 *header)
{
	return 64;
}

SEC("binfmt")
int dispatch(const __u8 *header)
{
	bpf_tail_call((void *)header, &by_class, header[EI_CLASS]);
	return 0;
}

SEC("socket")
int on_elf32_socket(struct __sk_buff *skb)
{
	return 32;
}

SEC("socket")
int on_elf64_socket(struct __sk_buff *skb)
{
	return 64;
}

SEC("socket")
int dispatch_socket(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &by_class_socket, load_byte(skb, EI_CLASS));
	return 0;
}
