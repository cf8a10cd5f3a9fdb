/* Self-contained definitions for the corpus programs: the few types, macros and helper
 * declarations that libbpf's bpf_helpers.h would give, so the corpus builds with nothing but
 * clang-19. Helper ids are the kernel's (enum bpf_func_id) plus the RFC's 212. */
#ifndef BINFMT_BPF_H
#define BINFMT_BPF_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;

#define SEC(name) __attribute__((section(name), used))
#define __always_inline inline __attribute__((always_inline))
#define __noinline __attribute__((noinline))

/* BTF-defined map encodings, as libbpf reads them. */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

enum bpf_map_type {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
};

enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
};

/* The legacy "maps" section layout (struct bpf_map_def). */
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct __sk_buff;

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *) 2;
static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *) 6;
static long (*bpf_tail_call)(void *ctx, void *prog_array_map, __u32 index) = (void *) 12;
static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *) 26;
/* The RFC's helper: not in a stock kernel, so programs calling it get no syscall variant. */
static long (*bpf_binprm_set_interp)(const char *path, __u32 len) = (void *) 212;

/* The binfmt header (bprm->buf) and the ELF fields the corpus reads. */
#define HEADER_SIZE 256
#define ELF_MAGIC 0x464c457f /* "\x7fELF" read as a little-endian u32 */
#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2

/* Copies the header into an aligned stack buffer with constant-offset 8-byte reads: the
 * kernel allows only aligned, constant-offset context reads in syscall programs, while
 * the stack copy can then be indexed freely. */
static __always_inline void copy_header(__u64 dst[HEADER_SIZE / 8], const void *ctx)
{
	const __u64 *src = ctx;
#pragma unroll
	for (int i = 0; i < HEADER_SIZE / 8; i++)
		dst[i] = src[i];
}

#endif
