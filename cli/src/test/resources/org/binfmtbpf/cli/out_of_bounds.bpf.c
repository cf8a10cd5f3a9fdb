// SPDX-License-Identifier: MIT
/*
 * out_of_bounds.bpf.c: reads byte 300 of the 256-byte header, which the verifier must refuse.
 *
 * Build: clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map=$PWD=. -c out_of_bounds.bpf.c -o out_of_bounds.bpf.o
 */
#define SEC(name) __attribute__((section(name), used))

SEC("binfmt")
int past_the_header(unsigned char *hdr)
{
	return hdr[300] == 0x7f;
}

char LICENSE[] SEC("license") = "GPL";
