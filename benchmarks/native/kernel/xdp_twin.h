/* What every kernel twin needs: the XDP context's first two fields, the one helper a twin
 * calls in place of the RFC's bpf_binprm_set_interp (helper 212, in no stock kernel), and
 * the entry point that gives a matcher the packet as its 256-byte header.
 *
 * The twin of a call to helper 212 is bpf_probe_read_kernel (113) copying the same len bytes
 * of the path into a stack buffer: one helper call and one copy of the path, as helper 212
 * costs. It returns 0 on success, as helper 212 does. */
#ifndef XDP_TWIN_H
#define XDP_TWIN_H

struct xdp_md {
	unsigned int data;
	unsigned int data_end;
};

static long (*probe_read_kernel)(void *dst, unsigned int size, const void *src) = (void *)113;

/* Helper 212's twin; `capacity` bounds len for the verifier, as the path buffer does. */
#define SET_INTERP_TWIN(path, len, capacity) \
	({ char copy_[capacity]; probe_read_kernel(copy_, (len), (const void *)(path)); })

/* An XDP program running `matcher` on the packet, which test_run fills with the header. */
#define XDP_TWIN(name, matcher) \
	__attribute__((section("xdp"), used)) int name(struct xdp_md *ctx) \
	{ \
		void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end; \
		if (data + 256 > end) \
			return 0; \
		return matcher(data); \
	}

#endif
