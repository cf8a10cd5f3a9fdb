# why: moving a pointer that may be NULL
# expect: R0 pointer arithmetic on map_value_or_null prohibited, null-check it first
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
add %r0, 8
mov %r0, 0
exit
