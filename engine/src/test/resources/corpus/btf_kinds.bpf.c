/* Every BTF kind the loader parses, in types a program really uses: a union view of the ELF
 * identification, an enum64, a float member, a forward-declared struct, const/volatile/
 * restrict qualifiers, a type tag and a declaration tag. Stores a view of the header in .bss
 * and returns e_machine read through the union. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

enum header_class : __u64 {
	CLASS_NONE = 0,
	CLASS_WIDE = 0x100000000ULL, /* beyond 32 bits: ENUM64 */
};

struct loader_state; /* never defined: FWD */

struct header_view {
	union {
		__u8 ident[16];
		__u32 magic;
	} id;
	__u16 type;
	__u16 machine;
	float weight; /* never computed with: BPF has no floating point */
	struct loader_state *state;
	const volatile __u32 *restrict cursor;
	__u32 __attribute__((btf_type_tag("header"))) *tagged;
	enum header_class class;
} __attribute__((btf_decl_tag("binfmt_view")));

struct header_view last_view;

static __always_inline int view(const void *ctx)
{
	const __u64 *h = ctx;

	last_view.id.magic = (__u32)h[0];
	last_view.type = (__u16)h[2];
	last_view.machine = (__u16)(h[2] >> 16);
	last_view.class = (h[0] >> 32 & 0xff) == ELFCLASS64 ? CLASS_WIDE : CLASS_NONE;
	return last_view.machine;
}

SEC("binfmt")
int view_header(const void *header)
{
	return view(header);
}

SEC("syscall")
int view_header_syscall(const void *header)
{
	return view(header);
}
