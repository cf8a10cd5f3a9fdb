# why: tail calls need a prog array
# expect: cannot pass map_type 1 into func tail_call#12
# map: counts hash 4 8 16
ldmap %r2, counts
mov %r3, 0
call 12
mov %r0, 0
exit
