# why: a prog array only serves tail calls
# expect: cannot pass map_type 3 into func map_lookup_elem#1
# map: progs prog_array 4 4 4
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, progs
mov %r2, %r10
add %r2, -4
call 1
mov %r0, 0
exit
