// SPDX-License-Identifier: MIT
/*
 * qemu.bpf.c: one 'B' handler that replaces the 29 binfmt_misc registrations Debian's
 * qemu-user-static installs (/usr/lib/binfmt.d/qemu-*.conf).
 *
 * Each registration is `:qemu-ARCH:M::MAGIC:MASK:/usr/libexec/qemu-binfmt/ARCH-binfmt-P:OPF`.
 * A magic handler matches when (header[i] ^ magic[i]) & mask[i] == 0 for every byte. The
 * table below holds the same magic and mask bytes, packed as little-endian u64 words, so
 * this program makes exactly the kernel's decision, then hands the same interpreter path to
 * binfmt_misc with bpf_binprm_set_interp() (helper 212, the RFC). The path is read straight
 * from the read-only table: helper 212 accepts any readable memory and copies it.
 *
 * Build: clang-19 -O2 -g -target bpf -mcpu=v3 -c qemu.bpf.c -o qemu.bpf.o
 * Use:   binfmt-bpf prog load qemu.bpf.o /sys/fs/bpf/qemu type binfmt
 *        binfmt-bpf register ':qemu-bpf:B:/sys/fs/bpf/qemu::::P'
 */
typedef unsigned char __u8;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#define SEC(name) __attribute__((section(name), used))

/* The RFC's helper: the path is `len` bytes, not NUL-terminated. */
static long (*bpf_binprm_set_interp)(const char *path, __u32 len) = (void *)212;

#define WORDS 5 /* the longest Debian magic (mips, mipsn32) is 40 bytes */
#define INTERP_MAX 48 /* "/usr/libexec/qemu-binfmt/loongarch64-binfmt-P" is 45 bytes */

struct qemu_arch {
	__u64 magic[WORDS];
	__u64 mask[WORDS];
	char interp[INTERP_MAX];
	__u32 interp_len;
};

#define INTERP(arch) "/usr/libexec/qemu-binfmt/" arch "-binfmt-P"

/* Bytes 0..7 of the ELF identification, little-endian: "\x7fELF", class, data, version, OSABI. */
#define IDENT(cls, data) (0x00010000464c457fULL | ((__u64)(cls) << 32) | ((__u64)(data) << 40))
/* e_type (2, ET_EXEC; the mask's 0xfe also admits 3, ET_DYN) and e_machine, at bytes 16..19. */
#define LE_TYPE_MACHINE(m) (0x0002ULL | ((__u64)(m) << 16))
#define BE_TYPE_MACHINE(m) (0x0200ULL | ((__u64)((((m) & 0xff) << 8) | ((m) >> 8)) << 16))
#define LE_TYPE_MASK 0xfffffffeULL
#define BE_TYPE_MASK 0xfffffeffULL

#define ARCH(n, magic0, mask0, m1, k1, m2, k2, m3, k3, m4, k4) \
	{ .magic = { magic0, 0, m2, m3, m4 }, .mask = { mask0, k1, k2, k3, k4 }, \
	  .interp = INTERP(n), .interp_len = sizeof(INTERP(n)) - 1 }

/* Byte 7 (OSABI) is ignored (mask 0x00) or must be 0..3 (mask 0xfc); byte 8 (ABI version) must be 0, or 0..1 (0xfe), or is ignored. */
#define ID_MASK_ANY_OSABI 0x00ffffffffffffffULL
#define ID_MASK_LINUX_OSABI 0xfcffffffffffffffULL
#define PAD_MASK 0xffffffffffffffffULL
#define PAD_MASK_ABI01 0xfffffffffffffffeULL
#define PAD_MASK_ANY_ABI 0xffffffffffffff00ULL

#define LE(n, cls, mach, idmask, padmask) \
	ARCH(n, IDENT(cls, 1), idmask, 0, padmask, LE_TYPE_MACHINE(mach), LE_TYPE_MASK, 0, 0, 0, 0)
#define BE(n, cls, mach, idmask, padmask) \
	ARCH(n, IDENT(cls, 2), idmask, 0, padmask, BE_TYPE_MACHINE(mach), BE_TYPE_MASK, 0, 0, 0, 0)

/* MIPS o32/n32 also look at EF_MIPS_ABI2 (0x20) in e_flags: bytes 36..39. */
#define MIPS_FLAGS_BE_MASK 0x2000000000000000ULL /* byte 39 */
#define MIPS_FLAGS_LE_MASK 0x0000002000000000ULL /* byte 36 */

const volatile struct qemu_arch arches[] = {
	LE("aarch64", 2, 183, ID_MASK_ANY_OSABI, PAD_MASK),
	LE("alpha", 2, 0x9026, ID_MASK_ANY_OSABI, PAD_MASK),
	LE("arm", 1, 40, ID_MASK_ANY_OSABI, PAD_MASK),
	BE("armeb", 1, 40, ID_MASK_ANY_OSABI, PAD_MASK),
	LE("cris", 1, 76, ID_MASK_ANY_OSABI, PAD_MASK),
	LE("hexagon", 1, 164, ID_MASK_ANY_OSABI, PAD_MASK),
	BE("hppa", 1, 15, ID_MASK_ANY_OSABI, PAD_MASK),
	LE("loongarch64", 2, 258, ID_MASK_LINUX_OSABI, PAD_MASK_ANY_ABI),
	BE("m68k", 1, 4, ID_MASK_ANY_OSABI, PAD_MASK),
	BE("microblaze", 1, 0xbaab, ID_MASK_ANY_OSABI, PAD_MASK),
	ARCH("mips", IDENT(1, 2), ID_MASK_ANY_OSABI, 0, PAD_MASK_ABI01, BE_TYPE_MACHINE(8), BE_TYPE_MASK,
	     0, 0, 0, MIPS_FLAGS_BE_MASK),
	BE("mips64", 2, 8, ID_MASK_ANY_OSABI, PAD_MASK_ABI01),
	LE("mips64el", 2, 8, ID_MASK_ANY_OSABI, PAD_MASK_ABI01),
	ARCH("mipsel", IDENT(1, 1), ID_MASK_ANY_OSABI, 0, PAD_MASK_ABI01, LE_TYPE_MACHINE(8), LE_TYPE_MASK,
	     0, 0, 0, MIPS_FLAGS_LE_MASK),
	ARCH("mipsn32", IDENT(1, 2), ID_MASK_ANY_OSABI, 0, PAD_MASK_ABI01, BE_TYPE_MACHINE(8), BE_TYPE_MASK,
	     0, 0, MIPS_FLAGS_BE_MASK, MIPS_FLAGS_BE_MASK),
	ARCH("mipsn32el", IDENT(1, 1), ID_MASK_ANY_OSABI, 0, PAD_MASK_ABI01, LE_TYPE_MACHINE(8), LE_TYPE_MASK,
	     0, 0, MIPS_FLAGS_LE_MASK, MIPS_FLAGS_LE_MASK),
	BE("ppc", 1, 20, ID_MASK_LINUX_OSABI, PAD_MASK),
	BE("ppc64", 2, 21, ID_MASK_LINUX_OSABI, PAD_MASK),
	ARCH("ppc64le", IDENT(2, 1), ID_MASK_LINUX_OSABI, 0, PAD_MASK, LE_TYPE_MACHINE(21), 0x00fffffeULL, 0, 0, 0, 0),
	LE("riscv32", 1, 243, ID_MASK_ANY_OSABI, PAD_MASK),
	LE("riscv64", 2, 243, ID_MASK_ANY_OSABI, PAD_MASK),
	BE("s390x", 2, 22, ID_MASK_LINUX_OSABI, PAD_MASK),
	LE("sh4", 1, 42, ID_MASK_LINUX_OSABI, PAD_MASK),
	BE("sh4eb", 1, 42, ID_MASK_LINUX_OSABI, PAD_MASK),
	BE("sparc", 1, 2, ID_MASK_LINUX_OSABI, PAD_MASK),
	BE("sparc32plus", 1, 18, ID_MASK_LINUX_OSABI, PAD_MASK),
	BE("sparc64", 2, 43, ID_MASK_LINUX_OSABI, PAD_MASK),
	LE("xtensa", 1, 94, ID_MASK_ANY_OSABI, PAD_MASK),
	BE("xtensaeb", 1, 94, ID_MASK_ANY_OSABI, PAD_MASK),
};

#define NARCHES (sizeof(arches) / sizeof(arches[0]))

SEC("binfmt")
int qemu(__u64 *hdr)
{
	/* The header as five little-endian words: enough for the longest magic. */
	__u64 w0 = hdr[0], w1 = hdr[1], w2 = hdr[2], w3 = hdr[3], w4 = hdr[4];

	for (__u32 i = 0; i < NARCHES; i++) {
		const volatile struct qemu_arch *a = &arches[i];

		if (((w0 ^ a->magic[0]) & a->mask[0]) | ((w1 ^ a->magic[1]) & a->mask[1]) |
		    ((w2 ^ a->magic[2]) & a->mask[2]) | ((w3 ^ a->magic[3]) & a->mask[3]) |
		    ((w4 ^ a->magic[4]) & a->mask[4]))
			continue;

		__u32 len = a->interp_len;
		if (len == 0 || len > INTERP_MAX)
			return 0;
		bpf_binprm_set_interp((const char *)a->interp, len);
		return 1;
	}
	return 0;
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
