# map_update_elem / map_delete_elem return codes from a program, stored as u64s.
r9 = RESULTS ll
*(u32 *)(r10 - 4) = 1
*(u64 *)(r10 - 16) = 42
r1 = HASH ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 1
call 2
*(u64 *)(r9 + 0) = r0
r1 = HASH ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 1
call 2
*(u64 *)(r9 + 8) = r0
*(u32 *)(r10 - 4) = 5
r1 = HASH ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 2
call 2
*(u64 *)(r9 + 16) = r0
r1 = HASH ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 3
call 2
*(u64 *)(r9 + 24) = r0
r1 = HASH ll
r2 = r10
r2 += -4
call 3
*(u64 *)(r9 + 32) = r0
r1 = ARRAY ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 0
call 2
*(u64 *)(r9 + 40) = r0
*(u32 *)(r10 - 4) = 0
r1 = ARRAY ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 1
call 2
*(u64 *)(r9 + 48) = r0
r1 = ARRAY ll
r2 = r10
r2 += -4
call 3
*(u64 *)(r9 + 56) = r0
r0 = 1
exit
