# Atomic operations on a map value.
r9 = RESULTS ll
r1 = 5
*(u64 *)(r9 + 0) = r1
r2 = 3
lock *(u64 *)(r9 + 0) += r2
r3 = 10
r3 = atomic_fetch_add((u64 *)(r9 + 0), r3)
*(u64 *)(r9 + 8) = r3
r0 = 18
r4 = 99
r0 = cmpxchg_64(r9 + 0, r0, r4)
*(u64 *)(r9 + 16) = r0
r5 = 1
r5 = xchg_64(r9 + 0, r5)
*(u64 *)(r9 + 24) = r5
w6 = 0xf0
lock *(u32 *)(r9 + 32) |= w6
r0 = 3
exit
