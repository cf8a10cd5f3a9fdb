# A program that tail-calls itself through slot 0 of the prog array. Every run adds 1 to the
# results map's first u64; after 33 tail calls (MAX_TAIL_CALL_CNT) the next one falls
# through, so the 34th run returns the count, 34.
r6 = r1
r9 = RESULTS ll
r1 = *(u64 *)(r9 + 0)
r1 += 1
*(u64 *)(r9 + 0) = r1
r1 = r6
r2 = PROGS ll
r3 = 0
call 12
r0 = *(u64 *)(r9 + 0)
exit
