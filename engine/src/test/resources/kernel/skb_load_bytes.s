# bpf_skb_load_bytes in range, and past the end (-EFAULT, destination zeroed).
r9 = RESULTS ll
r6 = r1
r1 = -1
*(u64 *)(r10 - 8) = r1
*(u64 *)(r10 - 16) = r1
r1 = r6
r2 = 250
r3 = r10
r3 += -8
r4 = 6
call 26
*(u64 *)(r9 + 0) = r0
r1 = *(u64 *)(r10 - 8)
*(u64 *)(r9 + 8) = r1
r1 = r6
r2 = 252
r3 = r10
r3 += -16
r4 = 8
call 26
*(u64 *)(r9 + 16) = r0
r1 = *(u64 *)(r10 - 16)
*(u64 *)(r9 + 24) = r1
r0 = 2
exit
