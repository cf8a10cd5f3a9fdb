# why: the key must be a pointer
# expect: R2 type=scalar expected=fp, map_value, ctx
# map: counts hash 4 8 16
ldmap %r1, counts
mov %r2, 0
call 1
mov %r0, 0
exit
