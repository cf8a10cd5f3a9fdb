/* bpf_trace_printk with its format in .rodata (a named constant) and in
 * .rodata.str1.1 (a string literal, merged by the compiler). Returns 0. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

static const char machine_fmt[] = "e_machine %d class %d\n";

static __always_inline int trace(const __u8 *h)
{
	bpf_trace_printk(machine_fmt, sizeof(machine_fmt), *(const __u16 *)(h + 18), h[EI_CLASS]);
	bpf_trace_printk("ident %x\n", sizeof("ident %x\n"), *(const __u32 *)h);
	return 0;
}

SEC("binfmt")
int trace_header(const __u8 *header)
{
	return trace(header);
}

SEC("syscall")
int trace_header_syscall(const __u8 *header)
{
	return trace(header);
}
