/* A 'B' program of this project's binfmt type: selects 64-bit little-endian aarch64 ELF
 * executables and runs them with an interpreter next to the binary, "<dir of binary>/qemu-aarch64"
 * ($ORIGIN-relative), which the RFC's socket filter programs cannot compute.
 * Build (here): clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map="$PWD"=. -c origin.bpf.c -o origin.bpf.o */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_binprm_set_interp)(const char *path, __u32 len) = (void *) 212;
static long (*bpf_binprm_get_path)(char *buf, __u32 size, __u32 offset) = (void *) 1000;

static const char tool[] = "qemu-aarch64";

#define PATH_ROOM 256

SEC("binfmt")
int origin(__u8 *header)
{
	char path[PATH_ROOM + sizeof(tool)];
	long n, len, slash = -1;

	if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F')
		return 0;
	if (header[4] != 2 || header[5] != 1 || *(__u16 *)(header + 18) != 183)
		return 0;
	__builtin_memset(path, 0, sizeof(path));
	n = bpf_binprm_get_path(path, PATH_ROOM, 0);
	if (n <= 1 || n > PATH_ROOM)	/* no path, or longer than we look at */
		return 0;
	len = n - 1;
	/* The last '/', scanning backwards; "& 0xff" shows the verifier the index stays in the buffer. */
	for (long k = 1; k < PATH_ROOM; k++) {
		if (k > len)
			break;
		if (path[(len - k) & 0xff] == '/') {
			slash = (len - k) & 0xff;
			break;
		}
	}
	if (slash < 0)
		return 0;
	slash &= 0xff;
	for (int k = 0; k < (int) sizeof(tool); k++)
		path[slash + 1 + k] = tool[k];
	bpf_binprm_set_interp(path, slash + sizeof(tool));
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
