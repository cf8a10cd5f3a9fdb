// SPDX-License-Identifier: MIT
/*
 * socket_path.bpf.c: a socket filter (the RFC's type) that calls helper 1000, which only this
 * project's binfmt type has: prog verify and prog load must both refuse it, and accept it
 * with type binfmt.
 *
 * Build: clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map=$PWD=. -c socket_path.bpf.c -o socket_path.bpf.o
 */
typedef unsigned int __u32;

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_binprm_get_path)(char *buf, __u32 size, __u32 offset) = (void *)1000;

SEC("socket")
int wants_the_path(unsigned char *hdr)
{
	char path[64];

	return bpf_binprm_get_path(path, sizeof(path), 0) > 1;
}

char LICENSE[] SEC("license") = "GPL";
