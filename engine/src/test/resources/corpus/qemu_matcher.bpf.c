/* The RFC's demo: pick /usr/bin/qemu-<arch>-static from the ELF header's e_machine,
 * EI_CLASS and EI_DATA, build the path on the stack and hand it to
 * bpf_binprm_set_interp (helper 212). Returns 1 (match) when an interpreter was chosen. */
#include "binfmt_bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define EM_386 3
#define EM_MIPS 8
#define EM_PPC 20
#define EM_PPC64 21
#define EM_S390 22
#define EM_ARM 40
#define EM_X86_64 62
#define EM_AARCH64 183
#define EM_RISCV 243

#define PREFIX "/usr/bin/qemu-"
#define SUFFIX "-static"
#define PREFIX_LEN (sizeof(PREFIX) - 1)
#define SUFFIX_LEN (sizeof(SUFFIX) - 1)

/* Writes the literal's characters (without its NUL) and returns their count. */
#define PUT(dst, lit) (__builtin_memcpy(dst, lit, sizeof(lit) - 1), (int)(sizeof(lit) - 1))

static __always_inline int arch_name(const __u8 *h, char *name)
{
	__u8 cls = h[EI_CLASS], data = h[EI_DATA];
	__u16 machine = data == ELFDATA2MSB ? (h[18] << 8 | h[19]) : (h[19] << 8 | h[18]);
	int le = data == ELFDATA2LSB;

	switch (machine) {
	case EM_AARCH64:
		return le ? PUT(name, "aarch64") : PUT(name, "aarch64_be");
	case EM_ARM:
		return le ? PUT(name, "arm") : PUT(name, "armeb");
	case EM_RISCV:
		return cls == ELFCLASS64 ? PUT(name, "riscv64") : PUT(name, "riscv32");
	case EM_MIPS:
		if (cls == ELFCLASS64)
			return le ? PUT(name, "mips64el") : PUT(name, "mips64");
		return le ? PUT(name, "mipsel") : PUT(name, "mips");
	case EM_PPC64:
		return le ? PUT(name, "ppc64le") : PUT(name, "ppc64");
	case EM_PPC:
		return PUT(name, "ppc");
	case EM_S390:
		return PUT(name, "s390x");
	case EM_386:
		return PUT(name, "i386");
	default: /* EM_X86_64 runs natively; anything else has no qemu here */
		return 0;
	}
}

static __always_inline int match(const __u8 *h)
{
	char path[40];

	if (*(const __u32 *)h != ELF_MAGIC)
		return 0;
	PUT(path, PREFIX);
	int n = arch_name(h, path + PREFIX_LEN);
	if (n == 0)
		return 0;
	PUT(path + PREFIX_LEN + n, SUFFIX);
	return bpf_binprm_set_interp(path, PREFIX_LEN + n + SUFFIX_LEN) == 0;
}

/* Our own program type: the context is the 256-byte header. */
SEC("binfmt")
int qemu_match(const __u8 *header)
{
	return match(header);
}

/* The RFC loads it as a socket filter (bpftool prog load ... type socket). */
SEC("socket")
int qemu_match_socket(const __u8 *header)
{
	return match(header);
}
