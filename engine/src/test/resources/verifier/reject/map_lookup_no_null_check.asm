# why: map_lookup_elem may return NULL
# expect: R0 invalid mem access 'map_value_or_null'
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
ldxdw %r0, [%r0+0]
exit
